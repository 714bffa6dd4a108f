using AccountingIntegration.Infrastructure.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AccountingIntegration.Infrastructure.Security;

internal static class SecurityExtensions
{
    public const string AdminPolicy = "admin";
    public const string ViewerPolicy = "viewer";

    /// <summary>Secret protection, and JWT bearer authentication for operators.</summary>
    public static void AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.AddSettings(problems => SecurityOptions.Bind(builder.Configuration, builder.Environment.IsDevelopment(), problems));
        builder.AddSettings(problems => AdminOptions.Bind(builder.Configuration, problems));
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton<AdminTokenIssuer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SecurityOptions>((options, security) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AdminTokenIssuer.Issuer,
                    ValidAudience = AdminTokenIssuer.Audience,
                    IssuerSigningKeys = AdminTokenIssuer.VerificationKeys(security),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RoleClaimType = AdminTokenIssuer.RoleClaim,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin))
            .AddPolicy(ViewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin, AdminRoles.Viewer));
    }
}
