using System.Text.Json;
using AccountingIntegration.Books;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Reads which event a delivery is, on arrival, because some vendors say it only in a header (Shopify's
/// <c>X-Shopify-Topic</c>, WooCommerce's <c>X-WC-Webhook-Topic</c>) and headers are not stored: a vendor source asks
/// its adapter, a generic source reads its <c>event_type_path</c>.
/// </summary>
internal static class EventTypeReader
{
    public const int MaxLength = 100;

    /// <summary>
    /// The event type when the headers settle it without the body: a vendor's topic header, or a generic source without
    /// an event_type_path (which names none). False when the body must be read.
    /// </summary>
    public static bool TryFromHeaders(HeaderView headers, WebhookSource source, out string? eventType)
    {
        eventType = null;
        if (VendorAdapters.For(source.SourceType) is not { } adapter)
        {
            return string.IsNullOrEmpty(source.EventTypePath);
        }

        // Asked with no body (an undefined element, which no adapter reads as an object), an adapter answers from the
        // headers alone; one that finds the event in a header prefers it to the body, so that answer is also the answer
        // with the body (VendorAdapterHeaderTests holds every adapter to it).
        var fromHeaders = adapter.EventType(headers, default);
        eventType = Normalized(fromHeaders);
        return fromHeaders is not null;
    }

    public static string? From(HeaderView headers, JsonElement body, WebhookSource source)
    {
        string? eventType = null;
        if (VendorAdapters.For(source.SourceType) is { } adapter)
        {
            eventType = adapter.EventType(headers, body);
        }
        else if (!string.IsNullOrEmpty(source.EventTypePath) && JsonLookup.TryGetText(body, source.EventTypePath, out var text))
        {
            eventType = text;
        }

        return Normalized(eventType);
    }

    private static string? Normalized(string? eventType)
    {
        eventType = eventType?.Trim();
        return string.IsNullOrEmpty(eventType) ? null : eventType.Length > MaxLength ? eventType[..MaxLength] : eventType;
    }
}
