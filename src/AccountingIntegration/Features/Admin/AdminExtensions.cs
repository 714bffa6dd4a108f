using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Features.Admin.Export;
using AccountingIntegration.Features.Admin.Keys;
using AccountingIntegration.Features.Admin.Mappings;
using AccountingIntegration.Features.Admin.Organizations;
using AccountingIntegration.Features.Admin.System;

namespace AccountingIntegration.Features.Admin;

internal static class AdminExtensions
{
    public static void AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<AdminAuthService>();
        builder.Services.AddAdminTokenValidation();
    }

    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAdminAuthEndpoints();
        endpoints.MapAdminOrganizationEndpoints();
        endpoints.MapAdminKeyEndpoints();
        endpoints.MapAdminSystemEndpoints();
        endpoints.MapAdminExportEndpoints();
        endpoints.MapPublicEndpoints();
        endpoints.MapAdminMappingEndpoints();
    }
}
