using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Organizations;

/// <summary>The seed's onboarding script: <c>create-organization</c>.</summary>
internal static class OrganizationCommands
{
    public static void Register(IHostApplicationBuilder builder) =>
        builder.AddServiceCommand("create-organization", "--slug <slug> [--name <name>] [--plan free|starter|pro|enterprise]", CreateOrganizationAsync);

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
                .CreateAsync(args.Optional("name") ?? slug, slug, plan, null, CancellationToken.None,
                    (transaction, organization) => services.GetRequiredService<AuditTrail>().RecordAsync(transaction, AuditActor.CommandLine(),
                        new AuditAction("organization", "organization.created")
                        {
                            OrganizationId = organization.OrganizationId,
                            TargetType = "organization",
                            TargetId = organization.OrganizationId,
                        }, CancellationToken.None));
            await output.WriteLineAsync($"Created organization {organization.Slug} ({organization.OrganizationId}), plan {organization.PlanTier}.");
            return 0;
        }
        catch (DuplicateKeyException)
        {
            throw new CommandException($"An organization with slug '{slug}' already exists.");
        }
    }
}
