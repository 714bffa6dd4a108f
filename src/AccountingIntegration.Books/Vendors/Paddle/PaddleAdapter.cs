using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>Reads Paddle Billing notifications: <c>event_type</c> names the event, <c>data</c> carries the entity.</summary>
internal sealed class PaddleAdapter : IVendorAdapter
{
    private static readonly Dictionary<string, HandledEvent<PaddleNotification>> ByType =
        PaddleEvents.All.ToDictionary(handled => handled.EventType, StringComparer.Ordinal);

    public string SourceType => PaddleNotification.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents { get; } = [.. PaddleEvents.All.Select(handled => handled.Known)];

    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Text("event_type") : null;

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (PaddleNotification.Open(eventType, body) is not { } paddle)
        {
            return AdapterResult.Fail("data", "A Paddle notification carries its entity in data; this one has none.");
        }

        return ByType.TryGetValue(eventType, out var handled)
            ? handled.Read(paddle)
            : paddle.NoMoney($"{eventType} is not an event the books use");
    }
}
