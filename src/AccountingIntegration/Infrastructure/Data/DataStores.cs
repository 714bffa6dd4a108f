using AccountingIntegration.Features.Admin;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;

namespace AccountingIntegration.Infrastructure.Data;

internal static class DataStores
{
    /// <summary>Every store is a stateless singleton over the shared <see cref="Database"/>.</summary>
    public static IServiceCollection AddDataStores(this IServiceCollection services)
    {
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<MappingStore>();
        services.AddSingleton<OAuthTokenStore>();
        services.AddSingleton<ConnectTokenStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SyncLogStore>();
        services.AddSingleton<AuditLogStore>();
        services.AddSingleton<AdminUserStore>();
        services.AddSingleton<ApiUsageStore>();
        return services;
    }
}
