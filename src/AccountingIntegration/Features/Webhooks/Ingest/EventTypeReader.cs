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

    public static string? From(HttpRequest request, JsonElement body, WebhookSource source)
    {
        string? eventType = null;
        if (VendorAdapters.For(source.SourceType) is { } adapter)
        {
            eventType = adapter.EventType(new HeaderView(request.Headers), body);
        }
        else if (!string.IsNullOrEmpty(source.EventTypePath) && JsonLookup.TryGetText(body, source.EventTypePath, out var text))
        {
            eventType = text;
        }

        eventType = eventType?.Trim();
        return string.IsNullOrEmpty(eventType) ? null : eventType.Length > MaxLength ? eventType[..MaxLength] : eventType;
    }
}
