using Microsoft.AspNetCore.WebUtilities;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>
/// GET /connect/oauth2 validates the request and shows the consent page (or approves at once with
/// AutoApprove); POST /connect/oauth2 is the page's Approve/Deny form. The callback carries code, state
/// and realmId, or error=… (REFERENCE §1.3, §1.4). A bad client_id or redirect_uri is never redirected to.
/// </summary>
internal static class AuthorizeEndpoint
{
    private static readonly HashSet<string> KnownScopes = new(StringComparer.Ordinal)
    {
        AccountingFilters.AccountingScope, "com.intuit.quickbooks.payment", "com.intuit.quickbooks.payroll",
        "com.intuit.quickbooks.payroll.timetracking", "com.intuit.quickbooks.payroll.benefits",
        "openid", "profile", "email", "phone", "address", "intuit_name",
    };

    public static void MapAuthorizeEndpoint(this IEndpointRouteBuilder root)
    {
        root.MapGet("/connect/oauth2", Authorize).WithName("QboOAuthAuthorize");
        root.MapPost("/connect/oauth2", ConsentAsync).WithName("QboOAuthConsent");
    }

    private static IResult Authorize(HttpContext http, SandboxState state)
    {
        var query = http.Request.Query;
        var app = state.Apps.Find(query["client_id"]);
        if (app is null)
        {
            return ConsentPage.Error(OAuthErrors.InvalidClient, "Unknown client_id.");
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!AppRegistry.IsRedirectAllowed(app, redirectUri))
        {
            return ConsentPage.Error(OAuthErrors.InvalidRequest, "The redirect_uri is not registered for this app.");
        }

        var clientState = query["state"].ToString() is { Length: > 0 } s ? s : null;
        if (query["response_type"] != "code")
        {
            return RedirectError(redirectUri, OAuthErrors.UnsupportedResponseType, clientState);
        }

        var scopes = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(AccountingFilters.AccountingScope, StringComparer.Ordinal) || !scopes.All(KnownScopes.Contains))
        {
            return RedirectError(redirectUri, OAuthErrors.InvalidScope, clientState);
        }

        var scope = string.Join(' ', scopes);
        if (state.Options.AutoApprove)
        {
            var realmId = state.Options.AutoApproveRealmId ?? state.Companies.All.FirstOrDefault()?.RealmId;
            return realmId is null || state.Companies.Find(realmId) is null
                ? RedirectError(redirectUri, OAuthErrors.AccessDenied, clientState)
                : Approve(state, app.ClientId, redirectUri, scope, clientState, realmId);
        }

        var consent = new PendingConsent(app.ClientId, redirectUri, scope, clientState, state.Time.GetUtcNow().AddMinutes(30));
        return ConsentPage.Render(state.OAuth.AddConsent(consent), app.ClientId, scope, state.Companies.All, $"{http.Request.PathBase}{http.Request.Path}");
    }

    private static async Task<IResult> ConsentAsync(HttpContext http, SandboxState state)
    {
        if (!http.Request.HasFormContentType)
        {
            return ConsentPage.Error(OAuthErrors.InvalidRequest, "Expected the consent form.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var consent = state.OAuth.TakeConsent(form["ticket"].ToString());
        if (consent is null)
        {
            return ConsentPage.Error(OAuthErrors.InvalidRequest, "This consent page has expired or was already used. Start the connection again.");
        }

        if (form["decision"] != "approve")
        {
            return RedirectError(consent.RedirectUri, OAuthErrors.AccessDenied, consent.State);
        }

        var realmId = form["realmId"].ToString();
        if (realmId == ConsentPage.NewCompany)
        {
            var name = form["companyName"].ToString().Trim();
            var country = form["companyCountry"].ToString();
            realmId = state.CreateCompany(name.Length > 0 ? name : null,
                new CompanySettings { Country = Array.Exists(Region.All, r => r.Code == country) ? country : "US" }, seedDemoData: true);
        }

        return state.Companies.Find(realmId) is null
            ? ConsentPage.Error(OAuthErrors.InvalidRequest, "Choose a company.")
            : Approve(state, consent.ClientId, consent.RedirectUri, consent.Scope, consent.State, realmId);
    }

    private static IResult Approve(SandboxState state, string clientId, string redirectUri, string scope, string? clientState, string realmId)
    {
        var code = state.OAuth.IssueCode(clientId, redirectUri, realmId, scope);
        Log.Authorized(state.OAuthLogger, clientId, realmId);
        var parameters = new Dictionary<string, string?> { ["code"] = code };
        if (clientState is not null)
        {
            parameters["state"] = clientState;
        }

        parameters["realmId"] = realmId;
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    private static IResult RedirectError(string redirectUri, string error, string? clientState)
    {
        var parameters = new Dictionary<string, string?> { ["error"] = error };
        if (clientState is not null)
        {
            parameters["state"] = clientState;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }
}
