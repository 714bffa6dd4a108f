using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary><c>/api/admin/auth</c>: log in, log out, change password.</summary>
internal static class AdminAuthEndpoints
{
    public static void MapAdminAuthEndpoints(this IEndpointRouteBuilder endpoints, AdminRouteGroup admin)
    {
        // Logging in is how an operator gets a token, so it is the one admin route outside the authenticated group.
        endpoints.MapPost(AdminRouteGroup.Prefix + "/auth/login", LoginAsync).AllowAnonymous().AllowViewer().WithTags("Admin Auth").WithName("AdminLogin")
            .ProducesProblemCodes(StatusCodes.Status401Unauthorized, AdminAuthService.InvalidCredentials);
        // An operator deleted since the token was issued is refused like a failed login.
        var group = admin.MapGroup("/auth", "Admin Auth")
            .ProducesProblemCodes(StatusCodes.Status401Unauthorized, AdminAuthService.InvalidCredentials);
        // Every operator manages their own session and password; these are the writes a viewer may make.
        group.MapPost("/logout", LogoutAsync).WithName("AdminLogout").AllowViewer();
        group.MapPost("/change-password", ChangePasswordAsync).WithName("AdminChangePassword").AllowViewer()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
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
