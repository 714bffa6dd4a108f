using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// What the webhook endpoint reads and answers, for the API document: it reads the raw body and its
/// headers itself (signatures cover the exact bytes), so the framework sees none of them.
/// </summary>
internal static class WebhookIngestDocumentation
{
    public static RouteGroupBuilder DescribeWebhookIngest(this RouteGroupBuilder group) => group
        .AcceptsCredentials(ApiCredentials.ApiKey | ApiCredentials.WebhookSignature)
        .AcceptsRawJson("The event as the sender posts it: any JSON object or array (`application/json` or a `+json` type), stored byte for byte.")
        .WithRequestHeader(DedupeKey.IdempotencyKeyHeader,
            $"Makes a repeated delivery a duplicate: the organization's first payload with this key answers again. At most {WebhookStore.MaxEventKeyLength - "idem:".Length} characters.")
        .WithRequestHeader(CredentialHeaders.ApiKey,
            "The organization's API key. A key bound to a source selects that source. Without a key, the source's signature must verify.")
        .WithRequestHeader(TimestampedSignatureFormat.Stripe.HeaderName, "Stripe's signature (`t=…,v1=…`), for a source with the `stripe` scheme.")
        .WithRequestHeader(ShopifySignatureVerifier.HeaderName, "Shopify's base64 HMAC-SHA256 of the body, for a source with the `shopify` scheme.")
        .WithRequestHeader(ShopifySignatureVerifier.EventsHeaderName, $"The same as {ShopifySignatureVerifier.HeaderName}, under the name of Shopify's newer event deliveries.")
        .WithRequestHeader(DedupeKey.ShopifyWebhookIdHeader, "Shopify's delivery id; without an Idempotency-Key or event id path, it makes a redelivery a duplicate.")
        .WithRequestHeader("X-Shopify-Topic", "Shopify's event topic (`orders/paid`…); accepted and not read.")
        .WithRequestHeader(TimestampedSignatureFormat.Paddle.HeaderName, "Paddle's signature (`ts=…;h1=…`), for a source with the `paddle` scheme.")
        .WithRequestHeader(WooCommerceSignatureVerifier.HeaderName, "WooCommerce's base64 HMAC-SHA256 of the body, for a source with the `woocommerce` scheme. "
            + "WooCommerce's unsigned ping (`webhook_id=<id>`, a form) to a WooCommerce source is answered 200 and stored nowhere.")
        .WithRequestHeader(SquareSignatureVerifier.HeaderName, "Square's base64 HMAC-SHA256 of the notification URL as registered followed by the body, for a source with the `square` scheme.")
        .WithRequestHeader(PayPalSignatureVerifier.TransmissionSigHeader,
            $"PayPal's RSA-SHA256 signature, for a source with the `paypal` scheme (its secret is the webhook id); checked with the certificate at {PayPalSignatureVerifier.CertUrlHeader} "
            + $"(https on paypal.com only) over {PayPalSignatureVerifier.TransmissionIdHeader}|{PayPalSignatureVerifier.TransmissionTimeHeader}|webhook id|CRC32 of the body.")
        .WithRequestHeader(TimestampedSignatureFormat.Generic.HeaderName,
            "The service's own scheme (`hmac-sha256`): `t=<unix seconds>,v1=<hex HMAC-SHA256 of \"{t}.{body}\">`, one v1 per secret.")
        .ProducesProblemCodes(StatusCodes.Status400BadRequest,
            IngestErrors.InvalidJsonCode, IngestErrors.NotUtf8Code, IngestErrors.BadDedupeHeaderCode, IngestErrors.TooDeepCode, IngestErrors.InvalidPayloadCode, ErrorCodes.ValidationFailed)
        .ProducesProblemCodes(StatusCodes.Status401Unauthorized, IngestErrors.CredentialRequiredCode, TenantErrors.InvalidApiKey, IngestErrors.InvalidSignatureCode)
        .ProducesProblemCodes(StatusCodes.Status403Forbidden, IngestErrors.SourceNotAllowedCode)
        .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, IngestErrors.SourceNotFoundCode)
        .ProducesProblemCodes(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge)
        .ProducesProblemCodes(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
}
