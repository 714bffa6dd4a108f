namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Square: <c>x-square-hmacsha256-signature</c> holds the base64 HMAC-SHA256 of the notification URL exactly as
/// registered in the subscription followed by the raw body, keyed with the subscription's signature key
/// (<c>is_valid_webhook_event_signature</c> in square/square-python-sdk,
/// <c>legacy/src/square_legacy/utilities/webhooks_helper.py</c>). The URL is tried as the service's public address
/// and as the address the request reached, so a proxy in front does not break it; one character off either fails.
/// No timestamp is signed; the body's <c>event_id</c> deduplicates retries.
/// </summary>
internal sealed class SquareSignatureVerifier : IWebhookSignatureVerifier
{
    public const string HeaderName = "x-square-hmacsha256-signature";

    public string Scheme => SignatureSchemes.Square;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, IReadOnlyList<string> notificationUrls)
    {
        if (notificationUrls.Count == 0)
        {
            throw new ArgumentException("Square signs the notification URL, so at least one is needed.", nameof(notificationUrls));
        }

        return Base64Hmac.Verify(HeaderName, headers, secret, body, notificationUrls);
    }

    public ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(delivery.Body.Span, delivery.Headers, secret, delivery.Urls));
}
