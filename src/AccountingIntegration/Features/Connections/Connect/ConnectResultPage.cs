using System.Net;
using System.Text;

namespace AccountingIntegration.Features.Connections.Connect;

/// <summary>
/// The page the OAuth callback lands on when no front end is configured (FRONTEND_URL defaults to
/// it): says whether the company was connected, or what went wrong, in plain words.
/// </summary>
internal static class ConnectResultPage
{
    private static readonly Dictionary<string, string> Explanations = new(StringComparer.Ordinal)
    {
        ["access_denied"] = "The QuickBooks consent was declined. Nothing was connected.",
        ["invalid_state"] = "The connection link was not issued by this service or was altered. Start again.",
        ["state_expired"] = "The connection link expired (they last 10 minutes). Start again.",
        ["state_replayed"] = "This connection attempt was already completed. Start again if you need to reconnect.",
        ["state_not_bound"] = "This connection was started in another browser. Start again from the same browser you finish it in.",
        ["connect_token_invalid"] = "This connect link is unknown, expired, revoked or already used. Ask for a new one.",
        ["connect_token_used"] = "This connect link was already used. Ask for a new one.",
        ["token_exchange_failed"] = "QuickBooks did not accept the authorization. Try again in a moment.",
        ["company_info_failed"] = "QuickBooks could not be read with the new authorization. Try again in a moment.",
        ["company_already_connected"] = "This QuickBooks company is already connected to another organization. Nothing was connected.",
        ["organization_inactive"] = "The organization is not active.",
        ["missing_code"] = "QuickBooks returned without an authorization code.",
        ["authorization_failed"] = "QuickBooks reported an error during authorization.",
    };

    public static IEndpointRouteBuilder MapConnectResultPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/connected", Render).WithName("ConnectResultPage").WithTags("OAuth").ExcludeFromDescription();
        return endpoints;
    }

    internal static IResult Render(string? connected, string? org, string? realmId, string? error)
    {
        var ok = connected == "true";
        var message = ok
            ? $"QuickBooks company {realmId} is now connected to {org}. Invoices from its webhooks will be created there."
            : Explanations.GetValueOrDefault(error ?? string.Empty, "The connection did not complete.");
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>QuickBooks connection</title></head><body>")
            .Append("<h1>").Append(ok ? "Connected" : "Not connected").Append("</h1>")
            .Append("<p>").Append(WebUtility.HtmlEncode(message)).Append("</p>");
        if (!ok && error is not null)
        {
            html.Append("<p>Error code: <code>").Append(WebUtility.HtmlEncode(error)).Append("</code></p>");
        }

        return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
    }
}
