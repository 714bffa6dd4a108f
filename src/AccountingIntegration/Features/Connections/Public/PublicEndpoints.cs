using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Connections.Public;

/// <summary>
/// What a connect page needs before the client acts, with no credential: is this link good, for
/// which organization, until when; and is an organization connected. Nothing secret is in them.
/// </summary>
internal static class PublicEndpoints
{
    public const string ConnectTokenInvalid = "CONNECT_TOKEN_INVALID";

    public static RouteGroupBuilder MapPublicEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/public").WithTags("Public").AllowAnonymous();
        group.MapGet("/connect-tokens/{token}", CheckConnectTokenAsync).WithName("CheckConnectToken")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, ConnectTokenInvalid);
        group.MapGet("/org/{slug}", GetOrganizationAsync).WithName("GetPublicOrganization")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        return group;
    }

    /// <summary>
    /// Unknown, used, expired, revoked, or for a deactivated organization: one answer for all, so
    /// probing a link teaches nothing about why it does not work. Checking does not redeem it.
    /// </summary>
    internal static async Task<Ok<ApiResponse<ConnectTokenCheck>>> CheckConnectTokenAsync(
        string token, HttpContext http, ConnectTokenStore tokens, OrganizationDirectory organizations, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = token.StartsWith(SecretTokens.ConnectTokenPrefix, StringComparison.Ordinal) && token.Length <= 200
            ? await tokens.GetByHashAsync(SecretTokens.Hash(token), cancellationToken)
            : null;
        var usable = stored is { IsActive: true, UsedAt: null } && stored.ExpiresAt > time.GetUtcNow().UtcDateTime;
        var organization = usable ? await organizations.GetByIdAsync(stored!.OrganizationId, cancellationToken) : null;
        if (organization is not { IsActive: true })
        {
            throw ApiException.NotFound(ConnectTokenInvalid, "This connect link is not valid. Ask for a new one.");
        }

        // The token is in the URL; keep the answer out of shared caches.
        http.Response.NoStore();
        return TypedResults.Ok(ApiResponse.Of(new ConnectTokenCheck(true, new PublicOrganization(organization.Name, organization.Slug), stored!.ExpiresAt)));
    }

    internal static async Task<Ok<ApiResponse<PublicOrganizationStatus>>> GetOrganizationAsync(
        string slug, OrganizationDirectory organizations, OAuthTokenStore connections, CancellationToken cancellationToken)
    {
        var organization = await organizations.GetBySlugAsync(slug, cancellationToken) ?? throw OrganizationErrors.NotFound();
        var connection = await connections.GetActiveConnectionAsync(organization.OrganizationId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(new PublicOrganizationStatus(organization.Name, organization.Slug, connection?.SyncStatus == ConnectionStatus.Connected)));
    }

    internal sealed record PublicOrganization(string Name, string Slug);

    internal sealed record ConnectTokenCheck(bool Valid, PublicOrganization Organization, DateTime ExpiresAt);

    internal sealed record PublicOrganizationStatus(string Name, string Slug, bool Connected);
}
