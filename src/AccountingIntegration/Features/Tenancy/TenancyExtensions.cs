using AccountingIntegration.Infrastructure.OpenApi;

namespace AccountingIntegration.Features.Tenancy;

internal static class TenancyExtensions
{
    /// <summary>Who a request acts for: the organization its slug names, if the credential belongs to it.</summary>
    public static void AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddEndpointProblemSource<SourceBoundKeyProblems>();
    }

    /// <summary>The organization-scoped route group, returned so each feature maps its own routes onto it.</summary>
    public static TenantRouteGroup MapTenancy(this IEndpointRouteBuilder endpoints) => TenantRouteGroup.Map(endpoints);
}
