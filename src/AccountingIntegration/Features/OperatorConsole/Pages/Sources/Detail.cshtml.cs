using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Sources;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Sources;

/// <summary>
/// One source: what it is, which events it books as which QBO documents, how to set up its sender (with a signed
/// curl example), and for admins the forms that edit, deactivate or reactivate it and rotate its secret.
/// </summary>
public sealed class SourceDetailModel : SourcePageModel
{
    internal WebhookSource? Source { get; private set; }

    internal SourceEndpoints.SourceView? View { get; private set; }

    public IReadOnlyList<SourceEventRow> EventRows { get; private set; } = [];

    public SourceSetupView? Setup { get; private set; }

    /// <summary>True when the secret in <see cref="Setup"/> was just set and is shown this once.</summary>
    public bool SecretShown => Setup?.Secret is not null;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? SignatureScheme { get; set; }

    [BindProperty]
    public string? SigningSecret { get; set; }

    [BindProperty]
    public string? EventTypePath { get; set; }

    [BindProperty]
    public string? EventIdPath { get; set; }

    [BindProperty]
    public bool IsDefault { get; set; }

    [BindProperty]
    public string? NewSecret { get; set; }

    [BindProperty]
    public int OverlapHours { get; set; } = SourceEndpoints.DefaultOverlapHours;

    public int MaxOverlapHours => SourceEndpoints.MaxOverlapHours;

    public async Task<IActionResult> OnGetAsync(string organizationId, string sourceId)
    {
        if (await LoadAsync(organizationId, sourceId))
        {
            Fill(Source!);
        }

        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string organizationId, string sourceId) =>
        UpdateAsync(organizationId, sourceId, () => new SourceEndpoints.UpdateSourceRequest(Name ?? "", SignatureScheme, Blank(SigningSecret),
            EventIdPath?.Trim() ?? "", EventTypePath?.Trim() ?? "", IsDefault, null), "Changes saved.");

    public Task<IActionResult> OnPostDeactivateAsync(string organizationId, string sourceId) =>
        UpdateAsync(organizationId, sourceId, () => new SourceEndpoints.UpdateSourceRequest(null, null, null, null, null, null, false),
            "Source deactivated: its deliveries are refused (404 SOURCE_NOT_FOUND) until it is reactivated.");

    public Task<IActionResult> OnPostReactivateAsync(string organizationId, string sourceId) =>
        UpdateAsync(organizationId, sourceId, () => new SourceEndpoints.UpdateSourceRequest(null, null, null, null, null, null, true), "Source reactivated.");

    public async Task<IActionResult> OnPostRotateAsync(string organizationId, string sourceId)
    {
        if (!await LoadAsync(organizationId, sourceId))
        {
            return Page();
        }

        return await ChangeAsync(async () =>
        {
            var rotated = await SourceEndpoints.RotateSecretAsync(sourceId, new SourceEndpoints.RotateSecretRequest(Blank(NewSecret), OverlapHours), Tenant(), HttpContext,
                Get<WebhookStore>(), Get<SecretProtector>(), Get<AuditTrail>(), Get<IMemoryCache>(), HttpContext.RequestAborted);
            var data = rotated.Value!.Data;
            await LoadAsync(organizationId, sourceId);
            Fill(Source!);
            Setup = SourceSetupView.For(Source!, Organization!.Slug, Http, data.SigningSecret);
            Notice = data.PreviousSecretValidUntil is { } until
                ? $"Secret rotated. The old secret keeps verifying until {until:yyyy-MM-dd HH:mm} UTC; switch the sender to the new one before then."
                : "Secret rotated. The old secret stopped verifying at once.";
            NewSecret = null;
            return Page();
        });
    }

    protected override async Task<IActionResult> OnRefusedAsync()
    {
        // The form keeps what the operator typed; the rest of the page is read afresh.
        var typed = (Name, SignatureScheme, EventTypePath, EventIdPath, IsDefault);
        await LoadAsync(Organization!.OrganizationId, (string)RouteData.Values["sourceId"]!);
        (Name, SignatureScheme, EventTypePath, EventIdPath, IsDefault) = typed;
        return Page();
    }

    private async Task<IActionResult> UpdateAsync(string organizationId, string sourceId, Func<SourceEndpoints.UpdateSourceRequest> request, string notice)
    {
        if (!await LoadAsync(organizationId, sourceId))
        {
            return Page();
        }

        return await ChangeAsync(async () =>
        {
            var updated = await SourceEndpoints.UpdateAsync(sourceId, request(), Tenant(), HttpContext, Get<WebhookStore>(), Get<SecretProtector>(), Get<AuditTrail>(),
                Get<PlanTierOptions>(), Get<IMemoryCache>(), HttpContext.RequestAborted);
            await LoadAsync(organizationId, sourceId);
            Fill(Source!);
            var secret = updated.Value!.Data.GeneratedSigningSecret ?? (Blank(SigningSecret) is { } typed && typed.Length > 0 ? typed : null);
            if (secret is not null)
            {
                Setup = SourceSetupView.For(Source!, Organization!.Slug, Http, secret);
            }

            SigningSecret = null;
            Notice = notice;
            return Page();
        });
    }

    private async Task<bool> LoadAsync(string organizationId, string sourceId)
    {
        if (!await LoadOrganizationAsync(organizationId))
        {
            return false;
        }

        Source = await Get<WebhookStore>().GetSourceAsync(organizationId, sourceId, HttpContext.RequestAborted);
        if (Source is null)
        {
            return false;
        }

        View = SourceEndpoints.SourceView.From(Source);
        var effective = await Get<MappingMergerService>().GetEffectiveMappingAsync(Source.AsOrganizationSource(), HttpContext.RequestAborted);
        EventRows = SourceEventRows.For(Source.SourceType, effective.Mapping);
        Setup = SourceSetupView.For(Source, Organization!.Slug, Http, null);
        return true;
    }

    private void Fill(WebhookSource source)
    {
        Name = source.Name;
        SignatureScheme = source.SignatureScheme;
        EventTypePath = source.EventTypePath;
        EventIdPath = source.EventIdPath;
        IsDefault = source.IsDefault;
    }
}
