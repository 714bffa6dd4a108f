using QboSandbox.State;

namespace QboSandbox.Control;

/// <summary>OAuth apps and tokens: register apps, list connections, expire or revoke tokens per realm or everywhere.</summary>
internal static class AuthControl
{
    public static void MapAuthControl(this RouteGroupBuilder control)
    {
        control.MapGet("/apps", ListApps).WithName("SandboxListApps");
        control.MapPost("/apps", RegisterAppAsync).WithName("SandboxRegisterApp");
        control.MapGet("/tokens", ListGrants).WithName("SandboxListGrants");
        control.MapPost("/tokens/expire", ExpireAsync).WithName("SandboxExpireTokens");
        control.MapPost("/tokens/revoke", RevokeAsync).WithName("SandboxRevokeTokens");
    }

    // Secrets are never echoed back.
    private static IResult ListApps(SandboxState state) =>
        ControlJson.Ok(state.Apps.All.Select(a => new AppSummary(a.ClientId, a.RedirectUris, a.AllowLoopbackRedirects)).ToList());

    private static async Task<IResult> RegisterAppAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<RegisterAppRequest>(request).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body.ClientId) || string.IsNullOrEmpty(body.ClientSecret))
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, "clientId and clientSecret are required.");
        }

        state.Apps.Register(new SandboxOAuthApp
        {
            ClientId = body.ClientId,
            ClientSecret = body.ClientSecret,
            RedirectUris = body.RedirectUris,
            AllowLoopbackRedirects = body.AllowLoopbackRedirects,
        });
        return ControlJson.Created(new AppSummary(body.ClientId, body.RedirectUris, body.AllowLoopbackRedirects));
    }

    private static IResult ListGrants(SandboxState state) => ControlJson.Ok(state.OAuth.Summaries());

    private static async Task<IResult> ExpireAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<TokenActionRequest>(request).ConfigureAwait(false);
        return ControlJson.Ok(new { expiredAccessTokens = state.OAuth.Expire(body.RealmId, body.IncludeRefreshTokens) });
    }

    private static async Task<IResult> RevokeAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<TokenActionRequest>(request).ConfigureAwait(false);
        return ControlJson.Ok(new { revokedConnections = state.OAuth.RevokeAll(body.RealmId) });
    }
}
