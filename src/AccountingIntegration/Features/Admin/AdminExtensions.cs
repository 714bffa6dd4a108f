using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin;

internal static class AdminExtensions
{
    /// <summary>Operators: their accounts, sign-in and revocable tokens, the create-admin command, and the system view.</summary>
    public static void AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminUserStore>();
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<AdminAuthService>();
        builder.Services.AddSingleton<OperatorAccounts>();
        builder.Services.AddSingleton<SystemStatsStore>();
        builder.Services.AddAdminTokenValidation();
        AdminCommands.Register(builder);
    }

    public static void MapAdmin(this IEndpointRouteBuilder endpoints, AdminRouteGroup admin)
    {
        endpoints.MapAdminAuthEndpoints(admin);
        admin.MapSystemStatsEndpoints();
    }
}
