using System.Text.Json;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Which key makes a repeat delivery a duplicate (SPEC §6.2): the Idempotency-Key header, else
/// the value at the source's event_id_path, else the sender's own id — Shopify's
/// X-Shopify-Webhook-Id header, or a Stripe event's <c>id</c>. None → no dedupe.
/// </summary>
internal static class DedupeKey
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ShopifyWebhookIdHeader = "X-Shopify-Webhook-Id";

    public static string? From(HttpRequest request, JsonElement body, WebhookSource source)
    {
        var header = request.Headers[IdempotencyKeyHeader].ToString();
        if (header.Length > 0)
        {
            return "idem:" + header;
        }

        if (!string.IsNullOrEmpty(source.EventIdPath) && JsonLookup.TryGetText(body, source.EventIdPath, out var eventId))
        {
            return "event:" + eventId;
        }

        var shopify = request.Headers[ShopifyWebhookIdHeader].ToString();
        if (shopify.Length > 0)
        {
            return "shopify:" + shopify;
        }

        // Stripe re-sends an event with the same evt_… id.
        if (source.SourceType.Equals("stripe", StringComparison.OrdinalIgnoreCase) && body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } stripeId)
        {
            return "event:" + stripeId;
        }

        return null;
    }
}
