using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// Access tokens obtained by a refresh because QBO had rejected the previous one (401), per connection. When QBO rejects
/// such a token too, another refresh cannot help: the connection needs the company to reconnect. Only a hash is held.
/// </summary>
internal sealed class RejectedTokens
{
    private readonly ConcurrentDictionary<string, string> _renewedAfterRejection = new(StringComparer.Ordinal);

    public void RenewedAfterRejection(string tokenId, string accessToken) => _renewedAfterRejection[tokenId] = Hash(accessToken);

    public bool WasRenewedAfterRejection(string tokenId, string accessToken) =>
        _renewedAfterRejection.TryGetValue(tokenId, out var hash) && hash == Hash(accessToken);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
