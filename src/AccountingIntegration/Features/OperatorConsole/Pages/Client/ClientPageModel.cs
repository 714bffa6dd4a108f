using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Client;

/// <summary>
/// What the client's pages share: no operator session, the organization's name and logo on top, and answers
/// kept out of caches and referrers because the address can hold a single-use link.
/// </summary>
public abstract class ClientPageModel : ConsolePageModel
{
    /// <summary>The organization's name for the page's header, once known.</summary>
    public string? Brand { get; private set; }

    /// <summary>The organization's logo (https only), when it has one.</summary>
    public Uri? Logo { get; private set; }

    internal void Brandish(Organization organization)
    {
        Brand = organization.Name;
        Logo = OrganizationBranding.LogoUrl(organization.Settings);
    }

    /// <summary>No cache keeps the page and no other site learns its address.</summary>
    protected void KeepPrivate()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
