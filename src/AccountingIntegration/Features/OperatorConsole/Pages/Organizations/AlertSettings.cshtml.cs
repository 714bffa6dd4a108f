using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Organizations;

/// <summary>
/// <c>/console/organizations/{id}/alerts</c>: where the organization's own alerts go — its signed webhook URL and its
/// e-mail addresses — saved and removed through the JSON API's handlers (docs/alerts.md). The signing secret is
/// write-only here too: the page says whether one is set, never what it is.
/// </summary>
public sealed class AlertSettingsModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    /// <summary>set-url, remove-url, set-email or remove-email.</summary>
    [BindProperty]
    public string? Intent { get; set; }

    [BindProperty]
    public string? AlertUrl { get; set; }

    [BindProperty]
    public string? Secret { get; set; }

    /// <summary>One address per line (commas accepted too), as the form shows them.</summary>
    [BindProperty]
    public string? Addresses { get; set; }

    public string OrganizationName { get; private set; } = string.Empty;

    public string? SavedUrl { get; private set; }

    public bool HasEmail { get; private set; }

    /// <summary>Whether this service has an SMTP server, without which saved addresses get no mail.</summary>
    public bool SmtpConfigured => Get<AlertEmailOptions>().CanSend;

    public Task<IActionResult> OnGetAsync() => ChangeAsync(async () =>
    {
        await LoadAsync(keepTyped: null);
        return Page();
    });

    public Task<IActionResult> OnPostAsync() => ChangeAsync(async () =>
    {
        var http = HttpContext;
        var cancellationToken = http.RequestAborted;
        var organizations = Get<OrganizationStore>();
        var audit = Get<AuditTrail>();
        switch (Intent)
        {
            case "set-url":
                await AlertDestinationEndpoints.PutAsync(OrganizationId, new AlertDestinationRequest(Blank(AlertUrl), Secret), http, organizations,
                    Get<AlertDestinationStore>(), Get<SecretProtector>(), audit, cancellationToken);
                Notice = "Alerts about this organization are now also sent, signed with the secret, to this URL.";
                break;
            case "remove-url":
                await AlertDestinationEndpoints.DeleteAsync(OrganizationId, http, organizations, Get<AlertDestinationStore>(), audit, cancellationToken);
                Notice = "The alert URL was removed.";
                break;
            case "set-email":
                await AlertEmailEndpoints.PutAsync(OrganizationId, new AlertEmailRequest(SplitAddresses(Addresses)), http, organizations,
                    Get<AlertEmailRecipientStore>(), Get<AlertEmailOptions>(), audit, cancellationToken);
                Notice = "Alerts about this organization are now also e-mailed to these addresses.";
                break;
            case "remove-email":
                await AlertEmailEndpoints.DeleteAsync(OrganizationId, http, organizations, Get<AlertEmailRecipientStore>(), audit, cancellationToken);
                Notice = "The alert e-mail addresses were removed.";
                break;
        }

        Secret = null;
        await LoadAsync(keepTyped: null);
        return Page();
    });

    /// <summary>After a refusal the refused form keeps what was typed (never the secret) beside the API's message.</summary>
    protected override async Task<IActionResult> OnRefusedAsync()
    {
        Secret = null;
        try
        {
            await LoadAsync(keepTyped: Intent);
        }
        catch (ApiException)
        {
            // An unknown organization: the page says so from the problem already shown.
        }

        return Page();
    }

    /// <summary>Reads what is saved into the forms, except the form of <paramref name="keepTyped"/> (the refused intent).</summary>
    private async Task LoadAsync(string? keepTyped)
    {
        var cancellationToken = HttpContext.RequestAborted;
        OrganizationName = (await OrganizationEndpoints.FindAsync(Get<OrganizationStore>(), OrganizationId, cancellationToken)).Name;
        SavedUrl = (await Get<AlertDestinationStore>().GetAsync(OrganizationId, cancellationToken))?.Url;
        var email = await Get<AlertEmailRecipientStore>().GetAsync(OrganizationId, cancellationToken);
        HasEmail = email is not null;
        if (keepTyped != "set-email")
        {
            Addresses = email is null ? null : string.Join('\n', email.List);
        }

        if (keepTyped != "set-url")
        {
            AlertUrl = SavedUrl;
        }
    }

    private static List<string?> SplitAddresses(string? text) =>
        [.. (text ?? string.Empty).Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
