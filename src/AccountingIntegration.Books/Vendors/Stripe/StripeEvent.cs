using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// A Stripe Event as delivered: the changed object sits under <c>data.object</c>, what it was before under
/// <c>data.previous_attributes</c>, rendered in the endpoint's <c>api_version</c>
/// (https://docs.stripe.com/api/events/object). Amounts are integer minor units of the object's lower-case
/// <c>currency</c>.
/// </summary>
internal sealed class StripeEvent
{
    public const string Vendor = "stripe";

    private StripeEvent(string type, JsonElement body, JsonElement obj)
    {
        Type = type;
        Body = body;
        Object = obj;
    }

    public string Type { get; }

    public JsonElement Body { get; }

    /// <summary>The event's <c>data.object</c>: an invoice, charge, refund, dispute, payment intent or checkout session.</summary>
    public JsonElement Object { get; }

    public JsonElement? PreviousAttributes => Body.At("data.previous_attributes");

    public string? ApiVersion => Body.Text("api_version");

    /// <summary>When Stripe created the event: when the money moved, for the events that move it.</summary>
    public DateOnly? Created => Body.Date("created");

    public static StripeEvent? Open(string type, JsonElement body) =>
        body.At("data.object") is { ValueKind: JsonValueKind.Object } obj ? new StripeEvent(type, body, obj) : null;

    /// <summary>The object's currency, upper case (Stripe sends "usd").</summary>
    public string? Currency => Object.Text("currency")?.ToUpperInvariant();

    public SourceEvent Describe(EventMeaning meaning, SourceObject subject) =>
        new() { Vendor = Vendor, EventType = Type, Meaning = meaning, Subject = subject };

    /// <summary>Nothing to book, about the event's object (or the event itself when the object has no id).</summary>
    public AdapterResult NoMoney(string reason)
    {
        var subject = Object.Text("id") is { } id
            ? new SourceObject(Object.Text("object") ?? "object", id)
            : new SourceObject("event", Body.Text("id") ?? "unknown");
        return AdapterResult.Of(Describe(EventMeaning.NoMoney, subject) with { IgnoredBecause = reason });
    }

    /// <summary>Text the event cannot be booked without; the failure names the field.</summary>
    public bool TryRequire(string path, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out AdapterResult? failure)
    {
        value = Object.Text(path);
        failure = value is null ? Missing(path) : null;
        return value is not null;
    }

    /// <summary>A minor-unit amount the event cannot be booked without, in the object's currency.</summary>
    public bool TryRequireAmount(string path, string currency, out decimal amount, [NotNullWhen(false)] out AdapterResult? failure)
    {
        var minorUnits = Object.Long(path);
        amount = minorUnits is { } units ? StripeMoney.FromMinorUnits(units, currency) : 0m;
        failure = minorUnits is null ? Missing(path) : null;
        return minorUnits is not null;
    }

    public static AdapterResult Missing(string path) =>
        AdapterResult.Fail($"data.object.{path}", $"The Stripe event has no data.object.{path}, which the books need.");
}
