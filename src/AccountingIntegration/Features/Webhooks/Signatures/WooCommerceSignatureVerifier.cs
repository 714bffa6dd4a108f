namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// WooCommerce: <c>X-WC-Webhook-Signature</c> holds the base64 HMAC-SHA256 of the body exactly as sent, keyed with
/// the webhook's secret (<c>WC_Webhook::generate_signature</c> in woocommerce/woocommerce,
/// <c>plugins/woocommerce/includes/class-wc-webhook.php</c>). WooCommerce keys with
/// <c>wp_specialchars_decode(secret)</c>, which is the secret as typed unless it contains HTML entities, so a secret
/// generated here (URL-safe base64) is the same on both sides. There is no timestamp; the order's id and
/// <c>date_modified</c> deduplicate retries. The ping sent when a webhook is saved carries no signature and is
/// answered before authentication (<see cref="Ingest.WooCommercePing"/>).
/// </summary>
internal sealed class WooCommerceSignatureVerifier : IWebhookSignatureVerifier
{
    public const string HeaderName = "X-WC-Webhook-Signature";

    public string Scheme => SignatureSchemes.WooCommerce;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret) =>
        Base64Hmac.Verify(HeaderName, headers, secret, body);

    public ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(delivery.Body.Span, delivery.Headers, secret));
}
