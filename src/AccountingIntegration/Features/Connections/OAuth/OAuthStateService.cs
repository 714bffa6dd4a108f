using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>
/// Issues and verifies the OAuth <c>state</c> parameter: <c>base64url(json).base64url(HMAC-SHA256)</c>
/// over the organization, a random nonce, the expiry (at most 10 minutes), the connect token
/// that started the flow and the hash of the starting browser's binding cookie. The nonce is stored and spent on the first callback, so a replayed
/// or forged state is refused (SPEC §8).
/// </summary>
internal sealed class OAuthStateService(SecurityOptions security, OAuthStateStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly byte[] _key = Encoding.UTF8.GetBytes(security.OAuthStateSecret);

    /// <summary>Retired secrets still verify, so a consent begun just before OAUTH_STATE_SECRET rotated completes.</summary>
    private readonly byte[][] _previousKeys = [.. security.PreviousOAuthStateSecrets.Select(Encoding.UTF8.GetBytes)];

    public async Task<string> IssueAsync(string organizationId, string? connectTokenId, string? bindingHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var expiresAt = now + Lifetime;
        await store.InsertAsync(nonce, organizationId, connectTokenId, now.UtcDateTime, expiresAt.UtcDateTime, cancellationToken);

        var payload = JsonSerializer.SerializeToUtf8Bytes(new StatePayload(organizationId, nonce, expiresAt.ToUnixTimeSeconds(), connectTokenId, bindingHash));
        var body = Base64Url.EncodeToString(payload);
        return body + "." + Base64Url.EncodeToString(Sign(body));
    }

    /// <summary>The verified state, or the reason it is refused.</summary>
    public async Task<(OAuthState? State, string? Error)> VerifyAndConsumeAsync(string? value, CancellationToken cancellationToken)
    {
        var parsed = Parse(value);
        if (parsed is null)
        {
            return (null, OAuthErrorCodes.InvalidState);
        }

        if (parsed.ExpiresAt <= time.GetUtcNow())
        {
            return (null, OAuthErrorCodes.StateExpired);
        }

        return await store.TryConsumeAsync(parsed.Nonce, parsed.OrganizationId, time.GetUtcNow().UtcDateTime, cancellationToken)
            ? (parsed, null)
            : (null, OAuthErrorCodes.StateReplayed);
    }

    private OAuthState? Parse(string? value)
    {
        var parts = value?.Split('.');
        if (parts is not { Length: 2 } || parts[0].Length > 2048)
        {
            return null;
        }

        try
        {
            var given = Base64Url.DecodeFromChars(parts[1]);
            if (!SignedByAnyKey(parts[0], given))
            {
                return null;
            }

            var payload = JsonSerializer.Deserialize<StatePayload>(Base64Url.DecodeFromChars(parts[0]));
            return payload is null || string.IsNullOrEmpty(payload.O) || string.IsNullOrEmpty(payload.N)
                ? null
                : new OAuthState(payload.O, payload.N, DateTimeOffset.FromUnixTimeSeconds(payload.E), payload.C, payload.B);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private byte[] Sign(string body) => Sign(_key, body);

    private static byte[] Sign(byte[] key, string body) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));

    private bool SignedByAnyKey(string body, byte[] given) =>
        CryptographicOperations.FixedTimeEquals(Sign(body), given) || _previousKeys.Any(k => CryptographicOperations.FixedTimeEquals(Sign(k, body), given));

    /// <summary>Short names keep the state parameter short; it travels in two URLs.</summary>
    private sealed record StatePayload(string O, string N, long E, string? C, string? B);
}
