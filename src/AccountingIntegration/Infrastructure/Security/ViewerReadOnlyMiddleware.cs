using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// The viewer role only reads, on every route: admin, tenant (where an operator token acts for any
/// organization), webhook or public. A request bearing an operator token without the admin role
/// that would change something — POST, PUT, PATCH or DELETE on a route mapped for that method — is
/// refused here, before authorization and the handler, so a new write route cannot forget the check.
/// Routes marked <see cref="ViewerWriteExtensions.AllowViewer{TBuilder}"/> are the only exceptions.
/// </summary>
internal sealed class ViewerReadOnlyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (IsViewer(http) && ViewerWrites.IsRefusedWrite(http.Request.Method, http.GetEndpoint()?.Metadata))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, ErrorCodes.AdminRoleRequired,
                "This operator token has the viewer role, which only reads; changes need the admin role.");
        }

        return next(http);
    }

    // The operators' JWT is the only authentication scheme, so any authenticated caller is an operator.
    private static bool IsViewer(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && !http.User.IsInRole(AdminRoles.Admin);
}
