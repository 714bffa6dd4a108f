using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Platform;

/// <summary>An organization of a given plan with an API key, and a client that sends it.</summary>
internal sealed record Tenant(Organization Organization, string ApiKey, string ApiKeyId)
{
    public string Slug => Organization.Slug;

    public static async Task<Tenant> CreateAsync(TestService service, string planTier)
    {
        var organization = await service.Services.GetRequiredService<OrganizationStore>()
            .CreateAsync("Tier " + planTier, Unique.Slug(), planTier, null, default);
        var apiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var key = await service.Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organization.OrganizationId, null, "test key", SecretTokens.DisplayPrefix(apiKey), SecretTokens.Hash(apiKey), null, default);
        return new Tenant(organization, apiKey, key.KeyId);
    }

    public HttpClient Client(TestService service)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        return client;
    }
}
