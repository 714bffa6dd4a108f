using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Sources;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Sources;

/// <summary>An organization's webhook sources, and the form that creates one (its secret and setup shown once, right after).</summary>
public sealed class SourcesIndexModel : SourcePageModel
{
    internal IReadOnlyList<AdminSourceEndpoints.OrganizationSourceView> Sources { get; private set; } = [];

    /// <summary>The source just created: its setup, with a generated secret, shown this once.</summary>
    public SourceSetupView? Created { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string SourceType { get; set; } = "generic";

    [BindProperty]
    public string SignatureScheme { get; set; } = "hmac-sha256";

    [BindProperty]
    public string? SigningSecret { get; set; }

    [BindProperty]
    public string? EventTypePath { get; set; }

    [BindProperty]
    public string? EventIdPath { get; set; }

    [BindProperty]
    public bool IsDefault { get; set; }

    public async Task<IActionResult> OnGetAsync(string organizationId)
    {
        if (await LoadOrganizationAsync(organizationId))
        {
            await LoadSourcesAsync();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string organizationId)
    {
        if (!await LoadOrganizationAsync(organizationId))
        {
            return Page();
        }

        return await ChangeAsync(async () =>
        {
            var request = new SourceEndpoints.CreateSourceRequest(Name, SourceType, SignatureScheme, Blank(SigningSecret), Blank(EventIdPath), IsDefault, Blank(EventTypePath));
            var created = await SourceEndpoints.CreateAsync(request, Tenant(), HttpContext, Get<WebhookStore>(), Get<SecretProtector>(), Get<AuditTrail>(),
                Get<PlanTierOptions>(), HttpContext.RequestAborted);
            var source = (await Get<WebhookStore>().GetSourceAsync(Organization!.OrganizationId, created.Value!.Data.SourceId, HttpContext.RequestAborted))!;
            // The secret the operator typed or the one generated: shown once, in this answer only.
            Created = SourceSetupView.For(source, Organization.Slug, Http, created.Value.Data.GeneratedSigningSecret ?? Blank(SigningSecret));
            Notice = $"Source \"{source.Name}\" created.";
            Name = SigningSecret = EventIdPath = EventTypePath = null;
            IsDefault = false;
            await LoadSourcesAsync();
            return Page();
        });
    }

    protected override async Task<IActionResult> OnRefusedAsync()
    {
        await LoadSourcesAsync();
        return Page();
    }

    private async Task LoadSourcesAsync()
    {
        var list = await AdminSourceEndpoints.ListAsync(Organization!.OrganizationId, Get<OrganizationStore>(), Get<WebhookStore>(), Get<MappingStore>(),
            HttpContext.RequestAborted);
        Sources = list.Value!.Data;
    }
}
