using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// A request's X-API-Key is checked once: the rate limiter's caller look-up and the endpoint's own check share the
/// answer, and a change to the key (revoked here) applies from the next request.
/// </summary>
public sealed class ApiKeyAuthenticatorTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task AuthenticateRequestAsync_OneRequest_ChecksTheKeyOnce_TheNextRequestSeesARevocation(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var authenticator = new ApiKeyAuthenticator(store, cache, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var presented = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var key = await store.CreateAsync(org, null, "memo", SecretTokens.DisplayPrefix(presented), SecretTokens.Hash(presented), null, default);
        var request = WithKey(presented);

        Assert.Equal(key.KeyId, (await authenticator.AuthenticateRequestAsync(request, default))?.KeyId);
        Assert.True(await store.RevokeAsync(org, key.KeyId, clock.GetUtcNow().UtcDateTime, default));
        authenticator.Evict(key.KeyHash);

        // The same request keeps the answer it was given; a new one is checked afresh and refused.
        Assert.Equal(key.KeyId, (await authenticator.AuthenticateRequestAsync(request, default))?.KeyId);
        Assert.Null(await authenticator.AuthenticateRequestAsync(WithKey(presented), default));
    }

    [Theory, BothDatabases]
    public async Task AuthenticateRequestAsync_TheHeaderChangesOrIsMissing_AnswersForWhatIsPresentedNow(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var authenticator = new ApiKeyAuthenticator(store, cache, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var presented = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var key = await store.CreateAsync(org, null, "memo", SecretTokens.DisplayPrefix(presented), SecretTokens.Hash(presented), null, default);
        var request = WithKey(presented);
        Assert.Equal(key.KeyId, (await authenticator.AuthenticateRequestAsync(request, default))?.KeyId);

        request.Request.Headers[CredentialHeaders.ApiKey] = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        Assert.Null(await authenticator.AuthenticateRequestAsync(request, default));

        request.Request.Headers.Remove(CredentialHeaders.ApiKey);
        Assert.Null(await authenticator.AuthenticateRequestAsync(request, default));
    }

    private static DefaultHttpContext WithKey(string presented)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[CredentialHeaders.ApiKey] = presented;
        return http;
    }
}
