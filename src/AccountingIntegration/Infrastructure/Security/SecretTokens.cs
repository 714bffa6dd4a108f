using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// Bearer secrets handed to people once (API keys, connect tokens): 256 random bits behind a
/// readable prefix, stored only as a SHA-256 hash (SPEC §8). A hash, not a slow KDF, because
/// the secret already has full entropy and is checked on every request.
/// </summary>
internal static class SecretTokens
{
    public const string ApiKeyPrefix = "aik_";
    public const string ConnectTokenPrefix = "act_";

    /// <summary>How many leading characters are kept in clear so people can tell keys apart.</summary>
    public const int DisplayPrefixLength = 12;

    public static string New(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string DisplayPrefix(string token) => token[..Math.Min(DisplayPrefixLength, token.Length)];
}
