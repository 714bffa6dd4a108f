using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Intuit's webhook signature (REFERENCE §8): <c>intuit-signature</c> = base64(HMAC-SHA256(key = the app's verifier
/// token, message = the raw body)), compared in constant time.
/// </summary>
internal static class IntuitSignature
{
    public const string Header = "intuit-signature";

    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, string verifierToken)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Span<byte> sent = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature.Trim(), sent, out var length) || length != SHA256.HashSizeInBytes)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body);
        return CryptographicOperations.FixedTimeEquals(expected, sent[..length]);
    }

    public static string Sign(ReadOnlySpan<byte> body, string verifierToken) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body));
}
