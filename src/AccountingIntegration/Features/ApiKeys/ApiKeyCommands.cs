using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.ApiKeys;

/// <summary>The seed's onboarding script: <c>generate-api-key</c> prints a new key once.</summary>
internal static class ApiKeyCommands
{
    public static void Register(IHostApplicationBuilder builder) =>
        builder.AddServiceCommand("generate-api-key", "--org <slug> [--name <label>] [--source <source id>]: prints a new key once", GenerateApiKeyAsync);

    public static async Task<int> GenerateApiKeyAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var slug = args.Required("org");
        var organization = await services.GetRequiredService<OrganizationStore>().GetBySlugAsync(slug, CancellationToken.None)
                           ?? throw new CommandException($"No active organization has the slug '{slug}'.");
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var stored = await services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organization.OrganizationId, args.Optional("source"), args.Optional("name") ?? "CLI key",
            SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), null, CancellationToken.None,
            (transaction, stored) => services.GetRequiredService<AuditTrail>().RecordAsync(transaction, AuditActor.CommandLine(),
                new AuditAction("api_key", "api_key.created") { OrganizationId = organization.OrganizationId, TargetType = "api_key", TargetId = stored.KeyId },
                CancellationToken.None));
        await output.WriteLineAsync($"API key for {organization.Slug} (id {stored.KeyId}). It is shown only this once:");
        await output.WriteLineAsync(key);
        return 0;
    }
}
