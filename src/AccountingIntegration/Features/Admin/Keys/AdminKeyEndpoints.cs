using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Keys;

/// <summary>
/// An organization's credentials: <c>/api/admin/organizations/{id}/api-keys</c> and
/// <c>…/connect-tokens</c>. Reads need a viewer, writes an admin; a secret is shown once, in the
/// 201 body of its creation, and only its hash is stored.
/// </summary>
internal static class AdminKeyEndpoints
{
    public static RouteGroupBuilder MapAdminKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/organizations/{id}").WithTags("Admin Credentials").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        group.MapGet("/api-keys", AdminApiKeyEndpoints.ListAsync).WithName("ListApiKeys");
        group.MapPost("/api-keys", AdminApiKeyEndpoints.CreateAsync).WithName("CreateApiKey").RequireAuthorization(SecurityExtensions.AdminPolicy);
        group.MapPost("/api-keys/{keyId}/revoke", AdminApiKeyEndpoints.RevokeAsync).WithName("RevokeApiKey").RequireAuthorization(SecurityExtensions.AdminPolicy);
        group.MapGet("/connect-tokens", AdminConnectTokenEndpoints.ListAsync).WithName("ListConnectTokens");
        group.MapPost("/connect-tokens", AdminConnectTokenEndpoints.CreateAsync).WithName("CreateConnectToken").RequireAuthorization(SecurityExtensions.AdminPolicy);
        group.MapPost("/connect-tokens/{tokenId}/revoke", AdminConnectTokenEndpoints.RevokeAsync).WithName("RevokeConnectToken")
            .RequireAuthorization(SecurityExtensions.AdminPolicy);
        return group;
    }
}
