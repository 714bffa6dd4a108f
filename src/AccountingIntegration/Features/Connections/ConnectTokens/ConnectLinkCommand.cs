using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Connections.ConnectTokens;

/// <summary><c>create-connect-link</c>: a link the client opens in a browser to connect its QBO company; single use, 7 days by default.</summary>
internal static class ConnectLinkCommand
{
    public static void Register(IHostApplicationBuilder builder) =>
        builder.AddServiceCommand("create-connect-link", "--org <slug> [--days 7]: prints a single-use link that connects the org's QBO company",
            CreateConnectLinkAsync);

    public static async Task<int> CreateConnectLinkAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var slug = args.Required("org");
        var days = int.TryParse(args.Optional("days") ?? "7", out var d) && d is > 0 and <= ConnectTokenEndpoints.MaxDays
            ? d
            : throw new CommandException($"--days must be a whole number from 1 to {ConnectTokenEndpoints.MaxDays}.");
        var organization = await services.GetRequiredService<OrganizationStore>().GetBySlugAsync(slug, CancellationToken.None)
                           ?? throw new CommandException($"No active organization has the slug '{slug}'.");
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var expiresAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(days);
        await services.GetRequiredService<ConnectTokenStore>().CreateAsync(
            organization.OrganizationId, SecretTokens.Hash(token), expiresAt, "cli:" + Environment.UserName, CancellationToken.None,
            (transaction, stored) => services.GetRequiredService<AuditTrail>().RecordAsync(transaction, AuditActor.CommandLine(),
                new AuditAction("connect_token", "connect_token.created")
                {
                    OrganizationId = organization.OrganizationId,
                    TargetType = "connect_token",
                    TargetId = stored.TokenId,
                }, CancellationToken.None));
        var link = ConnectTokenEndpoints.ConnectLink(services.GetRequiredService<HttpOptions>(), token);
        await output.WriteLineAsync($"Connect link for {organization.Slug}, valid until {expiresAt:u}, usable once:");
        await output.WriteLineAsync(link.ToString());
        return 0;
    }
}
