using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Connections.Status;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Organizations;

/// <summary>
/// <c>/console/organizations/{id}</c>: one organization. Its details and plan, its QuickBooks connection and what to do when
/// it broke, its API keys and connect links. Every change runs the JSON API's handler, so validation, audit entries and
/// refusals are the API's; a new key or link is shown on the answer to its creation and never again.
/// </summary>
public sealed class DetailsModel : ConsolePageModel
{
    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["created"] = "The organization was created. Next: create an API key and a connect link for the client.",
        ["updated"] = "The changes were saved.",
        ["deactivated"] = "The organization was deactivated: its API keys and connect links stop working and its payloads are no longer processed. Nothing was deleted.",
        ["reactivated"] = "The organization is active again.",
        ["key-revoked"] = "The API key was revoked; requests with it are refused from now on.",
        ["link-revoked"] = "The connect link was revoked; opening it now shows that it cannot be used.",
    };

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>What the posted form asks for: update, deactivate, reactivate, create-key, revoke-key, create-link, revoke-link.</summary>
    [BindProperty]
    public string? Intent { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? PlanTier { get; set; }

    [BindProperty]
    public string? LogoUrl { get; set; }

    [BindProperty]
    public string? KeyName { get; set; }

    [BindProperty]
    public string? KeyId { get; set; }

    /// <summary>The one source a new key may send to; empty for a key of the whole organization.</summary>
    [BindProperty]
    public string? KeySourceId { get; set; }

    /// <summary>Days until a new key stops working; empty for a key without expiry.</summary>
    [BindProperty]
    public int? KeyExpiresInDays { get; set; }

    [BindProperty]
    public int? ExpiresInDays { get; set; }

    [BindProperty]
    public string? TokenId { get; set; }

    internal Organization? Organization { get; private set; }

    internal IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    internal IReadOnlyList<ConnectTokenView> Links { get; private set; } = [];

    internal ConnectionStatusView? Connection { get; private set; }

    internal IReadOnlyList<PlanTierLimits> Tiers => Get<PlanTierOptions>().Tiers;

    /// <summary>The key just created: shown on this answer only.</summary>
    internal CreatedApiKeyView? NewKey { get; private set; }

    /// <summary>The link just created: shown on this answer only.</summary>
    public Uri? NewLink { get; private set; }

    /// <summary>The logo, when the organization has one.</summary>
    public Uri? Logo => Organization is null ? null : OrganizationBranding.LogoUrl(Organization.Settings);

    /// <summary>A company was connected and the connection broke (as opposed to never connected).</summary>
    public bool ReconnectRequired => Connection is { Connected: false } c && c.Status != QboNotConnectedReason;

    public async Task<IActionResult> OnGetAsync(string? done)
    {
        if (done is not null && Done.TryGetValue(done, out var notice))
        {
            Notice = notice;
        }

        return await ChangeAsync(async () =>
        {
            await LoadAsync();
            return Page();
        });
    }

    public Task<IActionResult> OnPostAsync() => ChangeAsync(async () =>
    {
        var http = HttpContext;
        var cancellationToken = http.RequestAborted;
        var organizations = Get<OrganizationStore>();
        switch (Intent)
        {
            case "update":
            {
                var current = await OrganizationEndpoints.FindAsync(organizations, Id, cancellationToken);
                // Settings travel only when the logo changed, so the audit's changed fields stay true.
                var settings = (OrganizationBranding.StoredLogoUrl(current.Settings) ?? string.Empty) == (LogoUrl?.Trim() ?? string.Empty)
                    ? null
                    : OrganizationBranding.WithLogoUrl(current.Settings, LogoUrl);
                await OrganizationEndpoints.UpdateAsync(Id, new UpdateOrganizationRequest(Name, null, PlanTier, settings, null), http, organizations,
                    Get<OrganizationDirectory>(), Get<AuditTrail>(), cancellationToken);
                return Done_("updated");
            }

            case "deactivate":
                await OrganizationEndpoints.DeactivateAsync(Id, http, organizations, Get<OrganizationDirectory>(), Get<AuditTrail>(), cancellationToken);
                return Done_("deactivated");
            case "reactivate":
                await OrganizationEndpoints.UpdateAsync(Id, new UpdateOrganizationRequest(null, null, null, null, true), http, organizations,
                    Get<OrganizationDirectory>(), Get<AuditTrail>(), cancellationToken);
                return Done_("reactivated");
            case "create-key":
            {
                var created = await ApiKeyEndpoints.CreateAsync(Id, new CreateApiKeyRequest(KeyName, Blank(KeySourceId), KeyExpiry()), http, organizations,
                    Get<IOrganizationSources>(), Get<ApiKeyStore>(), Get<AuditTrail>(), Get<TimeProvider>(), cancellationToken);
                NewKey = created.Value!.Data;
                KeyName = null;
                Notice = $"API key “{NewKey.ApiKey.Name}” was created. Copy it now: it is shown only this once.";
                await LoadAsync();
                return Page();
            }

            case "revoke-key":
                await ApiKeyEndpoints.RevokeAsync(Id, KeyId ?? string.Empty, http, organizations, Get<ApiKeyStore>(), Get<ApiKeyAuthenticator>(),
                    Get<AuditTrail>(), Get<TimeProvider>(), cancellationToken);
                return Done_("key-revoked");
            case "create-link":
            {
                var httpOptions = Get<HttpOptions>();
                var created = await ConnectTokenEndpoints.CreateAsync(Id, new CreateConnectTokenRequest(ExpiresInDays), http, organizations,
                    Get<ConnectTokenStore>(), httpOptions, Get<AuditTrail>(), Get<TimeProvider>(), cancellationToken);
                await LoadAsync();
                var data = created.Value!.Data;
                // Same token either way; a broken connection gets the page that says so.
                NewLink = ReconnectRequired ? ConnectTokenEndpoints.ReconnectLink(httpOptions, data.Token) : data.ConnectUrl;
                Notice = $"A connect link was created, valid until {data.ConnectToken.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Copy it now: it is shown only this once.";
                return Page();
            }

            case "revoke-link":
                await ConnectTokenEndpoints.RevokeAsync(Id, TokenId ?? string.Empty, http, organizations, Get<ConnectTokenStore>(), Get<AuditTrail>(),
                    Get<TimeProvider>(), cancellationToken);
                return Done_("link-revoked");
            default:
                return Redirect(Self);
        }
    });

    protected override async Task<IActionResult> OnRefusedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (ApiException)
        {
            // An unknown organization: the page says so from the problem already shown.
        }

        return Page();
    }

    /// <summary>What an operator reads about the connection's state.</summary>
    public string ConnectionSummary => Connection switch
    {
        null => string.Empty,
        { Connected: true } c => $"Connected to the QuickBooks company {c.CompanyName ?? "(name not reported)"} (company id {c.RealmId}). Payloads are booked there.",
        { Status: ConnectionStatus.RefreshFailed } => "QuickBooks no longer accepts this connection: its authorization expired or was withdrawn at Intuit. "
                                                       + "Payloads are kept and wait; nothing is booked until the client connects again.",
        { Status: QboNotConnectedReason } => "No QuickBooks company is connected yet. Nothing can be booked until the client connects one.",
        var c => $"The connection is not usable ({c.Status}). Payloads wait until the client connects again.",
    };

    private const string QboNotConnectedReason = Connections.Tokens.QboNotConnectedException.NotConnected;

    /// <summary>The most a console-made key may live: ten years, far beyond any rotation policy, and no date overflow.</summary>
    public const int MaxKeyDays = 3650;

    internal IReadOnlyList<WebhookSource> Sources { get; private set; } = [];

    private string Self => $"/console/organizations/{Uri.EscapeDataString(Id)}";

    /// <summary>The expiry the API takes, from the days typed; refused by field when out of range.</summary>
    private DateTime? KeyExpiry() => KeyExpiresInDays switch
    {
        null => null,
        >= 1 and <= MaxKeyDays and var days => Get<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(days),
        _ => throw ApiException.Validation(new Dictionary<string, string[]>
        {
            ["expiresAt"] = [$"must be 1 to {MaxKeyDays} days from now, or left empty for a key that does not expire"],
        }),
    };

    private RedirectResult Done_(string what) => Redirect($"{Self}?done={what}");

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var organizations = Get<OrganizationStore>();
        Organization = await OrganizationEndpoints.FindAsync(organizations, Id, cancellationToken);
        var time = Get<TimeProvider>();
        Keys = (await ApiKeyEndpoints.ListAsync(Id, organizations, Get<ApiKeyStore>(), time, cancellationToken)).Value!.Data;
        Sources = await Get<WebhookStore>().ListSourcesAsync(Id, cancellationToken);
        Links = (await ConnectTokenEndpoints.ListAsync(Id, organizations, Get<ConnectTokenStore>(), time, cancellationToken)).Value!.Data;
        var tenant = new TenantContext(Organization, TenantCaller.Admin, User.FindFirst("sub")?.Value ?? "console", null, null);
        Connection = (await ConnectionStatusEndpoints.GetStatusAsync(tenant, Get<OAuthTokenStore>(), cancellationToken)).Value!.Data;
        Name ??= Organization.Name;
        PlanTier ??= Organization.PlanTier;
        LogoUrl ??= OrganizationBranding.StoredLogoUrl(Organization.Settings);
    }
}
