using QboSandbox.Accounting;
using QboSandbox.Control;
using QboSandbox.Http;
using QboSandbox.OAuth;

namespace QboSandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Intuit's own paths (/connect/oauth2, /oauth2/v1/tokens/bearer, /v2/oauth2/tokens/revoke,
    /// /v1/openid_connect/userinfo, /v3/company/{realmId}/…) and the control API (/_sandbox/…).
    /// Every response is written with the sandbox's own JSON settings, whatever the host configures.
    /// </summary>
    public static RouteGroupBuilder MapQboSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var root = endpoints.MapGroup("");

        // The sandbox has its own notion of auth and its own throttling; host-wide authorization,
        // antiforgery, rate limiting, request timeouts and API docs do not apply to it.
        root.AllowAnonymous();
        root.DisableAntiforgery();
        root.DisableRateLimiting();
        root.DisableRequestTimeout();
        root.ExcludeFromDescription();
        root.AddEndpointFilter(IntuitTid.AddHeaderAsync);
        root.AddEndpointFilter(MarkChangesAsync);

        root.MapOAuthEndpoints();
        root.MapAccountingEndpoints();
        root.MapControlEndpoints();
        return root;
    }

    /// <summary>Any write (token exchange, entity write, control call) may change what the state file keeps.</summary>
    private static async ValueTask<object?> MarkChangesAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
            {
                context.HttpContext.RequestServices.GetRequiredService<State.SandboxState>().MarkChanged();
            }
        }
    }
}
