using System.Text.Json;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Which key makes a repeat delivery a duplicate (SPEC §6.2): the Idempotency-Key header, else
/// the value at the source's event_id_path, else the sender's own id — Shopify's
/// X-Shopify-Webhook-Id header, or the event id in a Stripe, PayPal, Paddle or Square body. None → no dedupe.
/// </summary>
internal static class DedupeKey
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ShopifyWebhookIdHeader = "X-Shopify-Webhook-Id";

    /// <summary>The key; <paramref name="body"/> is read only when <see cref="ReadsBody"/> says so (and may be default otherwise).</summary>
    public static string? From(HttpRequest request, JsonElement body, WebhookSource source)
    {
        var header = SingleValue(request, IdempotencyKeyHeader);
        if (header.Length > 0)
        {
            return "idem:" + header;
        }

        if (!string.IsNullOrEmpty(source.EventIdPath) && JsonLookup.TryGetText(body, source.EventIdPath, out var eventId))
        {
            return "event:" + eventId;
        }

        var shopify = SingleValue(request, ShopifyWebhookIdHeader);
        if (shopify.Length > 0)
        {
            return "shopify:" + shopify;
        }

        // Vendors re-send an event with the same id in its body.
        if (VendorEventIdField(source.SourceType) is { } field && body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty(field, out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } vendorId)
        {
            return "event:" + vendorId;
        }

        return null;
    }

    /// <summary>
    /// Whether <see cref="From"/> looks into the body: not when a header it consults before any body field decides the
    /// key, or is refused. The header is only looked at here; <see cref="From"/> checks it after the body is.
    /// </summary>
    public static bool ReadsBody(HttpRequest request, WebhookSource source) =>
        !Sent(request, IdempotencyKeyHeader)
        && (!string.IsNullOrEmpty(source.EventIdPath) || (!Sent(request, ShopifyWebhookIdHeader) && VendorEventIdField(source.SourceType) is not null));

    /// <summary>As <see cref="SingleValue"/> sees it: a header whose text is empty counts as not sent.</summary>
    private static bool Sent(HttpRequest request, string name) => request.Headers[name].ToString().Length > 0;

    /// <summary>
    /// A dedupe header's one value. Two values, as two lines or comma-separated in one (the same to
    /// HTTP), leave it unclear which delivery is meant; control characters could forge log lines or
    /// differ invisibly. Both are refused rather than guessed at.
    /// </summary>
    private static string SingleValue(HttpRequest request, string name)
    {
        var values = request.Headers[name];
        var value = values.ToString();
        if (values.Count > 1 || value.Contains(','))
        {
            throw IngestErrors.BadDedupeHeader(name, "must be sent once, with one value");
        }

        return HasControl(value) ? throw IngestErrors.BadDedupeHeader(name, "must not contain control characters") : value;
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where each vendor puts the id it keeps across retries of one event: Stripe's <c>id</c> (evt_…), PayPal's
    /// <c>id</c> (WH-…), Paddle's and Square's <c>event_id</c>, our own order events' <c>id</c>. WooCommerce numbers deliveries, not events, so it has none.
    /// </summary>
    private static string? VendorEventIdField(string sourceType) => sourceType.ToLowerInvariant() switch
    {
        "stripe" or "paypal" or "orders" => "id",
        "paddle" or "square" => "event_id",
        _ => null,
    };
}
