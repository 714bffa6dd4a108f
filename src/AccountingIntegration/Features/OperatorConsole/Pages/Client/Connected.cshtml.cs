using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Connect;
using AccountingIntegration.Features.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Client;

/// <summary>
/// <c>/connected</c>: where the OAuth callback sends the browser when no front end is configured (FRONTEND_URL's
/// default). The query is the callback's contract: <c>connected</c>, <c>org</c> (slug), <c>realmId</c>, <c>error</c>
/// (a code of OAuthErrorCodes). Success names the company; a failure says in words what happened and what to do.
/// </summary>
public sealed class ConnectedModel : ClientPageModel
{
    /// <summary>A company's name is shown only for a connection made this recently, so the page cannot be used to look names up.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(30);

    [BindProperty(SupportsGet = true, Name = "connected")]
    public string? Connected { get; set; }

    [BindProperty(SupportsGet = true, Name = "org")]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true, Name = "realmId")]
    public string? RealmId { get; set; }

    [BindProperty(SupportsGet = true, Name = "error")]
    public string? Error { get; set; }

    public bool Success => Connected == "true";

    /// <summary>The connected company's name, when the connection was just stored.</summary>
    public string? CompanyName { get; private set; }

    internal ConnectExplanations.Explanation Explanation => ConnectExplanations.For(Error);

    public async Task OnGetAsync()
    {
        KeepPrivate();
        var cancellationToken = HttpContext.RequestAborted;
        if (Org is not { Length: > 0 and <= 63 } || await Get<OrganizationDirectory>().GetBySlugAsync(Org, cancellationToken) is not { } organization)
        {
            return;
        }

        Brandish(organization);
        if (Success && RealmId is { Length: > 0 and <= 64 }
            && await Get<OAuthTokenStore>().GetConnectionAsync(organization.OrganizationId, RealmId, cancellationToken) is { } connection
            && connection.SyncStatus == ConnectionStatus.Connected
            && connection.UpdatedAt >= Get<TimeProvider>().GetUtcNow().UtcDateTime - FreshFor)
        {
            CompanyName = connection.CompanyName;
        }
    }
}
