using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Features.Admin.Mappings;
using AccountingIntegration.Features.Admin.Organizations;

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
        endpoints.MapAdminMappingEndpoints();
    }
}
