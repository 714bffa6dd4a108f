using AccountingIntegration.Features.Admin;
using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Real operators for tests: a stored user and a token signed by the service's own issuer.</summary>
internal static class Admins
{
    public const string Password = "correct horse battery staple";

    public static async Task<(AdminUser User, string Token)> CreateAsync(IServiceProvider services, string role = AdminRoles.Admin)
    {
        var user = await services.GetRequiredService<AdminUserStore>().CreateAsync(
            $"{role}-{Guid.NewGuid():N}@example.com", services.GetRequiredService<PasswordHasher>().Hash(Password), role, default);
        return (user, services.GetRequiredService<AdminTokenIssuer>().Issue(user.UserId, user.Email, user.Role, user.SecurityStamp).Token);
    }

    public static HttpClient Client(TestService service, string token)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
