using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections.Status;
using AccountingIntegration.Features.Proxy;
using AccountingIntegration.Features.Webhooks.Status;

namespace AccountingIntegration.Features.Tenancy;

internal static class TenancyExtensions
{
    public static void AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddSingleton<AuditTrail>();
    }

    /// <summary>
    /// <c>/api/v1/org/{slug}</c>: every route below acts for the organization the slug and the
    /// credential agree on (<see cref="TenantAccessFilter"/>).
    /// </summary>
    public static RouteGroupBuilder MapTenantEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var org = endpoints.MapGroup("/api/v1/org/{slug}").AddEndpointFilter<TenantAccessFilter>().WithTags("Organization");
        org.MapConnectionStatusEndpoints();
        org.MapProxyEndpoints();
        org.MapPayloadEndpoints();
        return org;
    }
}
