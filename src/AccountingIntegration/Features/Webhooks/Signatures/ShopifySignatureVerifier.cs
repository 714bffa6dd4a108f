using System.Security.Cryptography;
using System.Text;

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

    private const int HashLength = 32;

    public string Scheme => SignatureSchemes.Shopify;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);

        // The prefixed name wins when both are present; either must still match the body.
        var name = !headers.ContainsKey(HeaderName) && headers.ContainsKey(EventsHeaderName) ? EventsHeaderName : HeaderName;
        if (!SignatureHeaders.TryReadSingle(headers, name, out var value, out var failure))
        {
            return failure;
        }

        // Shopify never sends an empty body and its SDK refuses one; there is nothing to process either.
        if (body.IsEmpty)
        {
            return SignatureResult.Fail(SignatureFailure.Malformed, $"The request body is empty, so the {name} header cannot cover a Shopify webhook.");
        }

        // Room for more than a hash, so an over-long value decodes and is refused by length, not by a throw.
        Span<byte> received = stackalloc byte[HashLength * 2];
        if (!Convert.TryFromBase64String(value, received, out var written) || written != HashLength)
        {
            return SignatureResult.Fail(SignatureFailure.Malformed, $"The {name} header is not a base64 HMAC-SHA256.");
        }

        Span<byte> expected = stackalloc byte[HashLength];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received[..HashLength])
            ? SignatureResult.Valid
            : SignatureResult.Fail(SignatureFailure.Mismatch, $"The {name} header does not match the body.");
    }
}
