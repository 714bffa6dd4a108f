using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Infrastructure.Data;

internal static class DataStores
{
    /// <summary>Every store is a stateless singleton over the shared <see cref="Database"/>.</summary>
    public static IServiceCollection AddDataStores(this IServiceCollection services)
    {
        services.AddSingleton<OrganizationStore>();
        return services;
    }
}
