using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>Reads Stripe webhook deliveries: the event's <c>type</c> names it, <c>data.object</c> carries it.</summary>
internal sealed class StripeAdapter : IVendorAdapter
{
    private static readonly Dictionary<string, HandledEvent<StripeEvent>> ByType =
        StripeEvents.All.ToDictionary(handled => handled.EventType, StringComparer.Ordinal);

    public string SourceType => StripeEvent.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents { get; } = [.. StripeEvents.All.Select(handled => handled.Known)];

    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Text("type") : null;

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (StripeEvent.Open(eventType, body) is not { } stripe)
        {
            return AdapterResult.Fail("data.object", "A Stripe event carries the object it is about in data.object; this one has none.");
        }

        return ByType.TryGetValue(eventType, out var handled)
            ? handled.Read(stripe)
            : stripe.NoMoney($"{eventType} is not an event the books use");
    }
}
