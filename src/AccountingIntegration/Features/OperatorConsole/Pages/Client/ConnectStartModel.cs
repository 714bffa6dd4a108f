using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Connections.Public;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Client;

/// <summary>
/// The page a connect link opens before anything is redeemed: checks the link with the public API's own check
/// (<see cref="PublicEndpoints.CheckConnectTokenAsync"/>, which answers alike for every unusable link), says whose
/// company will be connected and why, and hands over to the start route that goes to Intuit.
/// </summary>
public abstract class ConnectStartModel : ClientPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    /// <summary>False when the link is unknown, used, expired, revoked or its organization deactivated.</summary>
    public bool Usable { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    /// <summary>The QuickBooks company the organization was connected to, when one was (the reconnect page names it).</summary>
    public string? PreviousCompany { get; private set; }

    /// <summary>Where "Continue to QuickBooks" goes: the route that redeems the link and redirects to Intuit.</summary>
    public string StartUrl => ConnectTokenEndpoints.StartLink(Token);

    public async Task OnGetAsync()
    {
        KeepPrivate();
        var cancellationToken = HttpContext.RequestAborted;
        var directory = Get<OrganizationDirectory>();
        try
        {
            var check = (await PublicEndpoints.CheckConnectTokenAsync(
                Token, HttpContext, Get<ConnectTokenStore>(), directory, Get<TimeProvider>(), cancellationToken)).Value!.Data;
            Usable = true;
            ExpiresAt = check.ExpiresAt;
            if (await directory.GetBySlugAsync(check.Organization.Slug, cancellationToken) is { } organization)
            {
                Brandish(organization);
                PreviousCompany = (await Get<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, cancellationToken))?.CompanyName;
            }
        }
        catch (ApiException)
        {
            Usable = false;
        }
    }
}
