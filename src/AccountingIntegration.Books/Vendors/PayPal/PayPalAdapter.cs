using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>Reads PayPal webhook events: <c>event_type</c> names the event, <c>resource</c> carries the object.</summary>
internal sealed class PayPalAdapter : IVendorAdapter
{
    private static readonly Dictionary<string, HandledEvent<PayPalNotification>> ByType =
        PayPalEvents.All.ToDictionary(handled => handled.EventType, StringComparer.Ordinal);

    public string SourceType => PayPalNotification.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents { get; } = [.. PayPalEvents.All.Select(handled => handled.Known)];

    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Text("event_type") : null;

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (PayPalNotification.Open(eventType, body) is not { } paypal)
        {
            return AdapterResult.Fail("resource", "A PayPal event carries the object it is about in resource; this one has none.");
        }

        return ByType.TryGetValue(eventType, out var handled)
            ? handled.Read(paypal)
            : paypal.NoMoney($"{eventType} is not an event the books use");
    }
}
