using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// The untimed scheme Shopify, WooCommerce and Square share: one header holding the base64 HMAC-SHA256 of the
/// message, keyed with the UTF-8 bytes of the secret, compared in constant time. Square's message starts with the
/// notification URL; the others' is the body alone.
/// </summary>
internal static class Base64Hmac
{
    private const int HashLength = 32;

    /// <summary>Reads <paramref name="headerName"/> and checks it against each prefix in turn (none: the body alone).</summary>
    public static SignatureResult Verify(string headerName, IHeaderDictionary headers, string secret, ReadOnlySpan<byte> body, IReadOnlyList<string>? prefixes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!SignatureHeaders.TryReadSingle(headers, headerName, out var value, out var failure))
        {
            return failure;
        }

        // These vendors never send an empty body; there would be nothing to process either.
        if (body.IsEmpty)
        {
            return SignatureResult.Fail(SignatureFailure.Malformed, $"The request body is empty, so the {headerName} header cannot cover a webhook.");
        }

        // Room for more than a hash, so an over-long value decodes and is refused by length, not by a throw.
        Span<byte> received = stackalloc byte[HashLength * 2];
        if (!Convert.TryFromBase64String(value, received, out var written) || written != HashLength)
        {
            return SignatureResult.Fail(SignatureFailure.Malformed, $"The {headerName} header is not a base64 HMAC-SHA256.");
        }

        var key = Encoding.UTF8.GetBytes(secret);
        Span<byte> expected = stackalloc byte[HashLength];
        foreach (var prefix in prefixes ?? [""])
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(Encoding.UTF8.GetBytes(prefix));
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            if (CryptographicOperations.FixedTimeEquals(expected, received[..HashLength]))
            {
                return SignatureResult.Valid;
            }
        }

        return SignatureResult.Fail(SignatureFailure.Mismatch, prefixes is null
            ? $"The {headerName} header does not match the body."
            : $"The {headerName} header does not match the notification URL and body.");
    }
}
