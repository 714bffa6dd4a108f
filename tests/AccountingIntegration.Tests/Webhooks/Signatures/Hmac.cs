using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

/// <summary>
/// Signatures computed independently of the code under test, straight from each vendor's
/// documented recipe, so a shared mistake in production code cannot make its own tests pass.
/// </summary>
internal static class Hmac
{
    public static byte[] Sha256(string secret, string prefix, byte[] body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(prefix).Concat(body).ToArray());

    public static string Hex(string secret, string prefix, byte[] body) => Convert.ToHexStringLower(Sha256(secret, prefix, body));

    public static string Base64(string secret, byte[] body) => Convert.ToBase64String(Sha256(secret, "", body));

    public static HeaderDictionary Headers(string name, string value) => new() { [name] = value };

    /// <summary>The same bytes with one byte changed, the smallest tampering there is.</summary>
    public static byte[] FlipOneByte(byte[] body)
    {
        var copy = body.ToArray();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }
}
