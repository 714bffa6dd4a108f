using System.Collections.Concurrent;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.ApiKeys;

/// <summary>
/// Checks a presented API key: hash, look up, cache briefly. Webhooks arrive in bursts, so a key
/// is looked up at most every <see cref="CacheFor"/>; revoking evicts it here at once, and other
/// instances notice within that window. "Last used" is written at most once a minute per key. Within one request the
/// key is checked once: the rate limiter's caller look-up and the endpoint's own check share the answer.
/// </summary>
internal sealed class ApiKeyAuthenticator(ApiKeyStore store, IMemoryCache cache, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private const string RequestItemKey = "api-key-checked";

    private readonly ConcurrentDictionary<string, DateTime> _lastTouched = new(StringComparer.Ordinal);

    /// <summary>
    /// The key presented in this request's X-API-Key header, checked on the first call and remembered on the request;
    /// null when none is presented or it is unknown, revoked or expired.
    /// </summary>
    public async ValueTask<ApiKey?> AuthenticateRequestAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var presentedKey = http.Request.Headers[CredentialHeaders.ApiKey].ToString();
        if (presentedKey.Length == 0)
        {
            return null;
        }

        // Compared with the header as read now, so an answer is never reused for a key the request no longer presents.
        if (http.Items[RequestItemKey] is CheckedKey memo && string.Equals(memo.PresentedKey, presentedKey, StringComparison.Ordinal))
        {
            return memo.Key;
        }

        var key = await AuthenticateAsync(presentedKey, cancellationToken);
        http.Items[RequestItemKey] = new CheckedKey(presentedKey, key);
        return key;
    }

    public async Task<ApiKey?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (!presentedKey.StartsWith(SecretTokens.ApiKeyPrefix, StringComparison.Ordinal) || presentedKey.Length > 200)
        {
            return null;
        }

        var hash = SecretTokens.Hash(presentedKey);
        var now = time.GetUtcNow().UtcDateTime;
        if (!cache.TryGetValue(CacheKey(hash), out ApiKey? key))
        {
            key = await store.FindActiveByHashAsync(hash, now, cancellationToken);
            cache.Set(CacheKey(hash), key, CacheFor);
        }

        // A cached key may have expired since it was read.
        if (key is null || (key.ExpiresAt is { } expires && expires <= now))
        {
            return null;
        }

        await TouchAsync(key, now, cancellationToken);
        return key;
    }

    public void Evict(string keyHash) => cache.Remove(CacheKey(keyHash));

    private async Task TouchAsync(ApiKey key, DateTime now, CancellationToken cancellationToken)
    {
        var last = _lastTouched.GetValueOrDefault(key.KeyId);
        if (now - last < TouchEvery)
        {
            return;
        }

        _lastTouched[key.KeyId] = now;
        await store.TouchLastUsedAsync(key.KeyId, now, cancellationToken);
    }

    private static string CacheKey(string hash) => "api-key:" + hash;

    private sealed record CheckedKey(string PresentedKey, ApiKey? Key);
}
