using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// A PayPal webhook event: <c>id</c>, <c>event_type</c>, <c>create_time</c>, <c>resource_type</c> and the
/// changed object in <c>resource</c> (https://developer.paypal.com/api/rest/webhooks/). Money is decimal text
/// in major units: <c>{value, currency_code}</c> in the v2 APIs, <c>{total, currency}</c> in the v1 Payments
/// API. The same body fetched back from the webhooks-events API carries an extra top-level <c>status</c>
/// (the delivery's), which says nothing about the money and is not read.
/// </summary>
internal sealed class PayPalNotification
{
    public const string Vendor = "paypal";

    private PayPalNotification(string type, JsonElement body, JsonElement resource)
    {
        Type = type;
        Body = body;
        Resource = resource;
    }

    public string Type { get; }

    public JsonElement Body { get; }

    public JsonElement Resource { get; }

    /// <summary>When the resource was created (the capture, the refund), else when the event was.</summary>
    public DateOnly? ResourceDate => Resource.Date("create_time") ?? Body.Date("create_time");

    public static PayPalNotification? Open(string type, JsonElement body) =>
        body.At("resource") is { ValueKind: JsonValueKind.Object } resource ? new PayPalNotification(type, body, resource) : null;

    public SourceEvent Describe(EventMeaning meaning, SourceObject subject) =>
        new() { Vendor = Vendor, EventType = Type, Meaning = meaning, Subject = subject };

    /// <summary>Nothing to book, about the resource (its <c>resource_type</c> names its kind; a dispute's id is its <c>dispute_id</c>).</summary>
    public AdapterResult NoMoney(string reason)
    {
        var subject = (Resource.Text("id") ?? Resource.Text("dispute_id")) is { } id
            ? new SourceObject(Body.Text("resource_type") ?? "resource", id)
            : new SourceObject("event", Body.Text("id") ?? "unknown");
        return AdapterResult.Of(Describe(EventMeaning.NoMoney, subject) with { IgnoredBecause = reason });
    }

    public bool TryRequire(string path, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out AdapterResult? failure)
    {
        value = Resource.Text(path);
        failure = value is null ? Missing(path) : null;
        return value is not null;
    }

    /// <summary>A decimal amount ("10.00") the event cannot be booked without.</summary>
    public bool TryRequireAmount(string path, out decimal amount, [NotNullWhen(false)] out AdapterResult? failure)
    {
        var value = Resource.Decimal(path);
        amount = value ?? 0m;
        failure = value is null ? Missing(path) : null;
        return value is not null;
    }

    public static AdapterResult Missing(string path) =>
        AdapterResult.Fail($"resource.{path}", $"The PayPal event has no resource.{path}, which the books need.");
}
