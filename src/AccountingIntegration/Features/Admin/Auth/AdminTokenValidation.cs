using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary>
/// A signature and expiry are not enough: the token's user must still exist, be active and carry
/// the same security stamp. Logout and password change rotate the stamp, so their earlier
/// tokens are refused from the next request on, in every instance (the stamp lives in the database).
/// </summary>
internal static class AdminTokenValidation
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var userId = context.Principal?.FindFirst("sub")?.Value;
        var stamp = context.Principal?.FindFirst(AdminTokenIssuer.SecurityStampClaim)?.Value;
        if (userId is null || stamp is null)
        {
            context.Fail("The token lacks its subject or security stamp.");
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<AdminUserStore>();
        var user = await users.GetByIdAsync(userId, context.HttpContext.RequestAborted);
        if (user is not { IsActive: true } || user.SecurityStamp != stamp)
        {
            context.Fail("The token was revoked (logout, password change or deactivation).");
        }
    }

    public static void AddAdminTokenValidation(this IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Events ??= new JwtBearerEvents();
            options.Events.OnTokenValidated = ValidateAsync;
        });
}
