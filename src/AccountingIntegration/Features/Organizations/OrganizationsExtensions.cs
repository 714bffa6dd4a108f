namespace AccountingIntegration.Features.Organizations;

internal static class OrganizationsExtensions
{
    /// <summary>Tenants: their store, the cached directory every request reads, and the create command.</summary>
    public static void AddOrganizations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<OrganizationStore>();
        builder.Services.AddSingleton<OrganizationDirectory>();
        OrganizationCommands.Register(builder);
    }
}
