using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary><c>/api/admin/auth</c>: log in, log out, change password.</summary>
internal static class AdminAuthEndpoints
{
    public static RouteGroupBuilder MapAdminAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/auth").WithTags("Admin Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().WithName("AdminLogin");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Infrastructure.Security.SecurityExtensions.ViewerPolicy).WithName("AdminLogout");
        group.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization(Infrastructure.Security.SecurityExtensions.ViewerPolicy).WithName("AdminChangePassword");
        return group;
    }

    internal static async Task<Ok<ApiResponse<AdminSession>>> LoginAsync(LoginRequest request, HttpContext http, AdminAuthService auth, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiResponse.Of(await auth.LoginAsync(request.Email, request.Password, http.Connection.RemoteIpAddress?.ToString(), cancellationToken)));

    internal static async Task<NoContent> LogoutAsync(HttpContext http, AdminAuthService auth, CancellationToken cancellationToken)
    {
        await auth.LogoutAsync(UserId(http), http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ApiResponse<AdminSession>>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, AdminAuthService auth, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiResponse.Of(await auth.ChangePasswordAsync(UserId(http), request.CurrentPassword, request.NewPassword,
            http.Connection.RemoteIpAddress?.ToString(), cancellationToken)));

    private static string UserId(HttpContext http) => http.User.FindFirst("sub")!.Value;

    internal sealed record LoginRequest(string? Email, string? Password);

    internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
}
