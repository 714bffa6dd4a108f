using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Organizations;

/// <summary>The seed's scripts for onboarding from a shell: create an organization, issue it an API key.</summary>
internal static class OrganizationCommands
{
    public static async Task<int> CreateOrganizationAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var slug = args.Required("slug");
        var plan = args.Optional("plan") ?? "free";
        var problems = OrganizationRules.Check(slug, plan);
        if (problems.Count > 0)
        {
            throw new CommandException(string.Join(" ", problems));
        }

        try
        {
            var organization = await services.GetRequiredService<OrganizationStore>()
                .CreateAsync(args.Optional("name") ?? slug, slug, plan, null, CancellationToken.None);
            await services.GetRequiredService<AuditTrail>().RecordAsync(organization.OrganizationId, "cli", Environment.UserName,
                "organization", "organization.created", "organization", organization.OrganizationId, null, null, CancellationToken.None);
            await output.WriteLineAsync($"Created organization {organization.Slug} ({organization.OrganizationId}), plan {organization.PlanTier}.");
            return 0;
        }
        catch (DuplicateKeyException)
        {
            throw new CommandException($"An organization with slug '{slug}' already exists.");
        }
    }

    /// <summary>A link the client opens in a browser to connect its QBO company; single use, 7 days by default.</summary>
    public static async Task<int> CreateConnectLinkAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var slug = args.Required("org");
        var days = int.TryParse(args.Optional("days") ?? "7", out var d) && d is > 0 and <= 90
            ? d
            : throw new CommandException("--days must be a whole number from 1 to 90.");
        var organization = await services.GetRequiredService<OrganizationStore>().GetBySlugAsync(slug, CancellationToken.None)
                           ?? throw new CommandException($"No active organization has the slug '{slug}'.");
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var expiresAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(days);
        var stored = await services.GetRequiredService<ConnectTokenStore>().CreateAsync(
            organization.OrganizationId, SecretTokens.Hash(token), expiresAt, "cli:" + Environment.UserName, CancellationToken.None);
        await services.GetRequiredService<AuditTrail>().RecordAsync(organization.OrganizationId, "cli", Environment.UserName,
            "connect_token", "connect_token.created", "connect_token", stored.TokenId, null, null, CancellationToken.None);
        var link = new Uri(services.GetRequiredService<HttpOptions>().ApiBaseUrl, $"/api/v1/connect/token/{token}");
        await output.WriteLineAsync($"Connect link for {organization.Slug}, valid until {expiresAt:u}, usable once:");
        await output.WriteLineAsync(link.ToString());
        return 0;
    }

    public static async Task<int> GenerateApiKeyAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var slug = args.Required("org");
        var organization = await services.GetRequiredService<OrganizationStore>().GetBySlugAsync(slug, CancellationToken.None)
                           ?? throw new CommandException($"No active organization has the slug '{slug}'.");
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var stored = await services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organization.OrganizationId, args.Optional("source"), args.Optional("name") ?? "CLI key",
            SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), null, CancellationToken.None);
        await services.GetRequiredService<AuditTrail>().RecordAsync(organization.OrganizationId, "cli", Environment.UserName,
            "api_key", "api_key.created", "api_key", stored.KeyId, null, null, CancellationToken.None);
        await output.WriteLineAsync($"API key for {organization.Slug} (id {stored.KeyId}). It is shown only this once:");
        await output.WriteLineAsync(key);
        return 0;
    }
}
