using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>
/// The real things a fuzzed request can name: a connected organization with a source, a payload, an
/// override, a connect token and keys (one valid, one revoked), another tenant, and admin and viewer tokens.
/// </summary>
internal sealed record FuzzTargets(
    string Slug,
    string OrganizationId,
    string SourceId,
    string PayloadId,
    string KeyId,
    string ApiKey,
    string RevokedApiKey,
    string OverrideId,
    string TemplateId,
    string ConnectTokenId,
    string ConnectToken,
    string OtherSlug,
    string OtherOrganizationId,
    string AdminEmail,
    string AdminToken,
    string ViewerToken,
    IReadOnlyList<string> SignedSourceIds)
{
    private static readonly string[] SignatureSchemes = ["stripe", "shopify", "hmac-sha256", "paddle"];

    public static async Task<FuzzTargets> CreateAsync(PipelineWorld world)
    {
        var services = world.Services;
        var organizationId = world.Organization.OrganizationId;
        var keys = services.GetRequiredService<ApiKeyStore>();
        var (apiKey, keyId) = await CreateKeyAsync(keys, organizationId);
        var (revokedKey, revokedKeyId) = await CreateKeyAsync(keys, organizationId);
        await keys.RevokeAsync(organizationId, revokedKeyId, DateTime.UtcNow, default);
        var other = await services.GetRequiredService<OrganizationStore>().CreateAsync("Other tenant", Unique.Slug(), "pro", null, default);
        var (admin, adminToken) = await Admins.CreateAsync(services);
        var (_, viewerToken) = await Admins.CreateAsync(services, AdminRoles.Viewer);

        using var accepted = await world.SendAsync(PipelineWorld.ShopifyOrder());
        var payloadId = (await PipelineWorld.DataAsync(accepted)).GetProperty("payloadId").GetString()!;
        using var adminClient = Admins.Client(world.Connect.Service, adminToken);
        var overrideId = await PostForIdAsync(adminClient, $"/api/admin/organizations/{organizationId}/overrides", new { name = "fuzz" }, "overrideId");
        var connectToken = await PostForDataAsync(adminClient, $"/api/admin/organizations/{organizationId}/connect-tokens", new { expiresInDays = 7 });
        var templates = await adminClient.GetFromJsonAsync<JsonElement>("/api/admin/templates");
        var templateId = templates.GetProperty("data")[0].GetProperty("templateId").GetString()!;
        // A source per signature scheme, so hostile signature headers reach each verifier.
        var signedSourceIds = new List<string>();
        foreach (var scheme in SignatureSchemes)
        {
            signedSourceIds.Add(await PostForIdAsync(adminClient, $"/api/v1/webhook/{world.Slug}/sources",
                new { name = "signed " + scheme, sourceType = "generic", signatureScheme = scheme, signingSecret = "fuzz-signing-secret-" + scheme }, "sourceId"));
        }

        return new FuzzTargets(world.Slug, organizationId, world.Source.SourceId, payloadId, keyId, apiKey, revokedKey, overrideId, templateId,
            connectToken.GetProperty("connectToken").GetProperty("tokenId").GetString()!, connectToken.GetProperty("token").GetString()!,
            other.Slug, other.OrganizationId, admin.Email, adminToken, viewerToken, signedSourceIds);
    }

    /// <summary>The real value of a path parameter; <c>{id}</c> means a template, a QBO entity or an organization by its path.</summary>
    public string Real(string path, string parameter) => parameter switch
    {
        "slug" => Slug,
        "id" when path.StartsWith("/api/admin/templates", StringComparison.Ordinal) => TemplateId,
        "id" when path.Contains("/proxy/data/", StringComparison.Ordinal) => "1",
        "id" => OrganizationId,
        "sourceId" => SourceId,
        "payloadId" => PayloadId,
        "keyId" => KeyId,
        "tokenId" => ConnectTokenId,
        "token" => ConnectToken,
        "overrideId" => OverrideId,
        "type" => "Customer",
        "name" when path.Contains("/proxy/reports/", StringComparison.Ordinal) => "TrialBalance",
        _ => throw new InvalidOperationException($"The fuzzer knows no real value for {{{parameter}}} in {path}: add one."),
    };

    /// <summary>The other tenant's value where there is one: its slug or organization id, otherwise the real value.</summary>
    public string Foreign(string path, string parameter) => parameter switch
    {
        "slug" => OtherSlug,
        "id" when path.StartsWith("/api/admin/organizations", StringComparison.Ordinal) => OtherOrganizationId,
        _ => Real(path, parameter),
    };

    private static async Task<(string Key, string KeyId)> CreateKeyAsync(ApiKeyStore keys, string organizationId)
    {
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var stored = await keys.CreateAsync(organizationId, null, "fuzz key", SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), null, default);
        return (key, stored.KeyId);
    }

    private static async Task<string> PostForIdAsync(HttpClient client, string path, object body, string idProperty) =>
        (await PostForDataAsync(client, path, body)).GetProperty(idProperty).GetString()!;

    private static async Task<JsonElement> PostForDataAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }
}
