using QboSandbox.Faults;
using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>Intuit's OAuth 2.0 paths (REFERENCE §1.1), mounted at the root of the sandbox host.</summary>
internal static class OAuthEndpoints
{
    public static RouteGroupBuilder MapOAuthEndpoints(this IEndpointRouteBuilder root)
    {
        var oauth = root.MapGroup("");
        oauth.AddEndpointFilter(CountAsync);
        oauth.AddEndpointFilter(FaultFilter.InvokeAsync);
        oauth.MapAuthorizeEndpoint();
        oauth.MapTokenEndpoint();
        oauth.MapRevokeEndpoint();
        oauth.MapUserInfoEndpoint();
        oauth.MapDiscoveryEndpoint();
        return oauth;
    }

    private static ValueTask<object?> CountAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.RequestServices.GetRequiredService<SandboxState>().Traffic.CountOAuthRequest();
        return next(context);
    }
}
