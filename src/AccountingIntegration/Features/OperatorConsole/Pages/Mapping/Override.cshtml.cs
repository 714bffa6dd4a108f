using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// <c>/console/mapping/{organizationId}/overrides/{overrideId}</c> (<c>new</c> creates one): an organization's client
/// override — its name, whether it applies to one source or all, whether it is active, and its layer as JSON — saved
/// through the API's own <see cref="AdminOverrideEndpoints"/>. A save names the version the page was opened with; when
/// someone saved the override since, nothing is written and the page says what they changed.
/// </summary>
public sealed class OverrideModel : ConsolePageModel
{
    /// <summary>The route value that asks for a new override.</summary>
    public const string New = "new";

    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string OverrideId { get; set; } = string.Empty;

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    /// <summary>The source it applies to; empty for all the organization's sources. On a new override, preset by <c>?sourceId=</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "sourceId")]
    public string? AppliesTo { get; set; }

    [BindProperty(Name = "active")]
    public bool Active { get; set; } = true;

    [BindProperty(Name = "layer")]
    public string? LayerJson { get; set; }

    [BindProperty(Name = "loadedVersion")]
    public string? LoadedVersion { get; set; }

    [BindProperty(Name = "loadedLayer")]
    public string? LoadedLayer { get; set; }

    /// <summary>Set by "Replace their version with mine" after a conflict.</summary>
    [BindProperty(Name = "replaceVersion")]
    public string? ReplaceVersion { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    internal Organization? Organization { get; private set; }

    internal ClientOverride? Stored { get; private set; }

    internal IReadOnlyList<WebhookSource> Sources { get; private set; } = [];

    internal SaveConflict? Conflict { get; private set; }

    public bool IsNew => OverrideId == New;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Stored is { } stored)
        {
            (Name, AppliesTo, Active) = (stored.Name, stored.SourceId, stored.IsActive);
            LayerJson = MappingText.Format(stored);
            LoadedVersion = stored.Version;
        }
        else
        {
            Name = "Overrides for this organization";
            LayerJson = MappingText.Format((SourceMapping?)null);
        }

        LoadedLayer = LayerJson;
        Notice = Saved ? "Saved. The next payloads of the sources it applies to are booked with it." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        return await ChangeAsync(async () =>
        {
            var layer = MappingText.Read(LayerJson);
            var scope = JsonSerializer.SerializeToElement(string.IsNullOrEmpty(AppliesTo) ? null : AppliesTo);
            var request = new OverrideRequest(null, Name, scope, layer.FieldMappings ?? new System.Text.Json.Nodes.JsonArray(),
                layer.StaticValues ?? new System.Text.Json.Nodes.JsonObject(), layer.Priority ?? 0, Active, layer.EventActions ?? new System.Text.Json.Nodes.JsonObject(),
                IsNew ? null : ReplaceVersion ?? LoadedVersion);
            var (organizations, sources, mappings, cache, audit) =
                (Get<OrganizationStore>(), Get<IOrganizationSources>(), Get<MappingStore>(), Get<MappingCache>(), Get<AuditTrail>());
            string id;
            try
            {
                id = IsNew
                    ? (await AdminOverrideEndpoints.CreateAsync(OrganizationId, request, HttpContext, organizations, sources, mappings, cache, audit, cancellationToken)).Value!.Data.OverrideId
                    : (await AdminOverrideEndpoints.UpdateAsync(OrganizationId, OverrideId, request, HttpContext, organizations, sources, mappings, cache, audit, cancellationToken)).Value!.Data.OverrideId;
            }
            catch (ApiException e) when (e.Code == MappingErrors.VersionConflictCode)
            {
                await LoadAsync(cancellationToken);
                Conflict = new SaveConflict(Stored?.UpdatedAt, MappingChanges.Between(LoadedLayer, Stored is null ? "{}" : MappingText.Format(Stored)), Stored?.Version ?? "");
                return Page();
            }

            return Redirect($"{Path(OrganizationId, id)}?saved=true");
        });
    }

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await AdminOverrideEndpoints.DeleteAsync(OrganizationId, OverrideId, HttpContext, Get<OrganizationStore>(), Get<MappingStore>(), Get<MappingCache>(),
            Get<AuditTrail>(), cancellationToken);
        return Redirect("/console/mapping");
    });

    /// <summary>A refused save shows the page again with the operator's text.</summary>
    protected override async Task<IActionResult> OnRefusedAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The console path of an override (or of <see cref="New"/>).</summary>
    internal static string Path(string organizationId, string overrideId) =>
        $"/console/mapping/{Uri.EscapeDataString(organizationId)}/overrides/{Uri.EscapeDataString(overrideId)}";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Organization = await Get<OrganizationStore>().GetByIdAsync(OrganizationId, cancellationToken);
        if (Organization is null)
        {
            return false;
        }

        Sources = await Get<WebhookStore>().ListSourcesAsync(OrganizationId, cancellationToken);
        Stored = IsNew ? null : await Get<MappingStore>().GetOverrideAsync(OrganizationId, OverrideId, cancellationToken);
        return IsNew || Stored is not null;
    }
}
