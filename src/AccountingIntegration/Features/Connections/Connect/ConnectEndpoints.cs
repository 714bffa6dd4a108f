using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Connections.OAuth;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountingIntegration.Features.Connections.Connect;

/// <summary>
/// Starting and finishing the QBO OAuth connection. Starting needs the organization's API key, an
/// admin token or a valid connect token — never just a slug, or anyone could attach their QBO
/// company to another organization and receive its invoices (SPEC §8).
/// </summary>
internal static class ConnectEndpoints
{
    public static RouteGroupBuilder MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("OAuth");
        // Browsers are redirected: to Intuit's consent page to start, to the front end's result page at the end.
        group.MapGet("/connect/{slug}", StartAsync).RequireTenantAccess().WithName("StartConnect").Produces(StatusCodes.Status302Found)
            .ProducesProblemCodes(StatusCodes.Status403Forbidden, ErrorCodes.AdminRoleRequired);
        group.MapGet("/connect/token/{token}", StartWithConnectTokenAsync).WithName("StartConnectWithToken").Produces(StatusCodes.Status302Found);
        group.MapGet("/oauth/callback", CallbackAsync).WithName("OAuthCallback").Produces(StatusCodes.Status302Found);
        return group;
    }

    /// <summary>Redirects a browser to Intuit's consent page, or tells a JSON client where to send its user.</summary>
    internal static async Task<Results<RedirectHttpResult, Ok<ApiResponse<AuthorizationLink>>>> StartAsync(
        TenantContext tenant, HttpContext http, OAuthStateService states, IntuitOAuthClient oauth, TimeProvider time, CancellationToken cancellationToken)
    {
        if (tenant.IsAdmin && !http.User.IsInRole(AdminRoles.Admin))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, ErrorCodes.AdminRoleRequired, "Connecting a company needs the admin role.");
        }

        // A JSON client hands the link to a browser it drives; the cookie rides on this response either way.
        var state = await states.IssueAsync(tenant.OrganizationId, null, OAuthBrowserBinding.Bind(http), cancellationToken);
        var url = oauth.BuildAuthorizeUrl(state);
        return WantsJson(http.Request)
            ? TypedResults.Ok(ApiResponse.Of(new AuthorizationLink(url, time.GetUtcNow() + OAuthStateService.Lifetime)))
            : TypedResults.Redirect(url.ToString());
    }

    /// <summary>The link a client opens from an e-mail: the connect token is its only credential.</summary>
    internal static async Task<RedirectHttpResult> StartWithConnectTokenAsync(
        string token, HttpContext httpContext, ConnectTokenStore connectTokens, OrganizationStore organizations, OAuthStateService states, IntuitOAuthClient oauth,
        HttpOptions http, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = token.StartsWith(SecretTokens.ConnectTokenPrefix, StringComparison.Ordinal) && token.Length <= 200
            ? await connectTokens.GetByHashAsync(SecretTokens.Hash(token), cancellationToken)
            : null;
        var usable = stored is { IsActive: true, UsedAt: null } && stored.ExpiresAt > time.GetUtcNow().UtcDateTime;
        var organization = usable ? await organizations.GetByIdAsync(stored!.OrganizationId, cancellationToken) : null;
        if (organization is not { IsActive: true })
        {
            var failure = QueryHelpers.AddQueryString(http.FrontendUrl.ToString(),
                new Dictionary<string, string?> { ["connected"] = "false", ["error"] = OAuthErrorCodes.ConnectTokenInvalid });
            return TypedResults.Redirect(failure);
        }

        var state = await states.IssueAsync(organization.OrganizationId, stored!.TokenId, OAuthBrowserBinding.Bind(httpContext), cancellationToken);
        return TypedResults.Redirect(oauth.BuildAuthorizeUrl(state).ToString());
    }

    internal static async Task<RedirectHttpResult> CallbackAsync(
        HttpContext http, ConnectionCallback callback, string? code, string? state, string? realmId, string? error, CancellationToken cancellationToken)
    {
        var target = await callback.CompleteAsync(code, state, realmId, error, http, cancellationToken);
        OAuthBrowserBinding.Clear(http);
        return TypedResults.Redirect(target.ToString());
    }

    // A browser asks for text/html; an API client that prefers JSON gets the link instead of a redirect.
    private static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault()?.MediaType.Value is "application/json";

    internal sealed record AuthorizationLink(Uri AuthorizationUrl, DateTimeOffset ExpiresAt);
}
