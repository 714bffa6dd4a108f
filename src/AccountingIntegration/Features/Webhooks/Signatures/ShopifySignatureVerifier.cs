namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Shopify: <c>X-Shopify-Hmac-Sha256</c> (newer event deliveries: unprefixed
/// <c>shopify-hmac-sha256</c>) holds the base64 HMAC-SHA256 of the raw body keyed with the app's
/// API secret. There is no timestamp, so nothing here limits replays; deduplication by
/// <c>X-Shopify-Webhook-Id</c> does. Test events sent from a store's notification settings are
/// signed with the store's key and fail here, as they do in Shopify's own SDK.
/// </summary>
internal sealed class ShopifySignatureVerifier : IWebhookSignatureVerifier
{
    public const string HeaderName = "X-Shopify-Hmac-Sha256";
    public const string EventsHeaderName = "shopify-hmac-sha256";

    public string Scheme => SignatureSchemes.Shopify;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, DateTimeOffset now)
    {
        // The prefixed name wins when both are present; either must still match the body.
        var name = !headers.ContainsKey(HeaderName) && headers.ContainsKey(EventsHeaderName) ? EventsHeaderName : HeaderName;
        return Base64Hmac.Verify(name, headers, secret, body);
    }

    public ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(delivery.Body.Span, delivery.Headers, secret, delivery.ReceivedAt));
}
