using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>
/// A Paddle Billing notification: <c>event_id</c>, <c>event_type</c>, <c>occurred_at</c> and the entity in
/// <c>data</c> (https://developer.paddle.com/webhooks/overview). Money is integer minor units sent as
/// strings ("65215") in the entity's <c>currency_code</c>; rates are decimal strings ("0.08875").
/// </summary>
internal sealed class PaddleNotification
{
    public const string Vendor = "paddle";

    private PaddleNotification(string type, JsonElement body, JsonElement data)
    {
        Type = type;
        Body = body;
        Data = data;
    }

    public string Type { get; }

    public JsonElement Body { get; }

    /// <summary>The entity: a transaction, adjustment, customer…</summary>
    public JsonElement Data { get; }

    public DateOnly? OccurredAt => Body.Date("occurred_at");

    public string? Currency => Data.Text("currency_code")?.ToUpperInvariant();

    public static PaddleNotification? Open(string type, JsonElement body) =>
        body.At("data") is { ValueKind: JsonValueKind.Object } data ? new PaddleNotification(type, body, data) : null;

    public SourceEvent Describe(EventMeaning meaning, SourceObject subject) =>
        new() { Vendor = Vendor, EventType = Type, Meaning = meaning, Subject = subject };

    /// <summary>Nothing to book, about the entity the event names ("transaction.paid" is about a transaction).</summary>
    public AdapterResult NoMoney(string reason)
    {
        var kind = Type.Split('.')[0];
        var subject = Data.Text("id") is { } id ? new SourceObject(kind, id) : new SourceObject("event", Body.Text("event_id") ?? "unknown");
        return AdapterResult.Of(Describe(EventMeaning.NoMoney, subject) with { IgnoredBecause = reason });
    }

    public bool TryRequire(string path, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out AdapterResult? failure)
    {
        value = Data.Text(path);
        failure = value is null ? Missing(path) : null;
        return value is not null;
    }

    /// <summary>A minor-unit amount ("65215") the event cannot be booked without.</summary>
    public bool TryRequireAmount(string path, string currency, out decimal amount, [NotNullWhen(false)] out AdapterResult? failure)
    {
        var minorUnits = Data.Long(path);
        amount = minorUnits is { } units ? Money.FromMinorUnits(units, currency) : 0m;
        failure = minorUnits is null ? Missing(path) : null;
        return minorUnits is not null;
    }

    public static AdapterResult Missing(string path) =>
        AdapterResult.Fail($"data.{path}", $"The Paddle notification has no data.{path}, which the books need.");
}
