using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// <c>/console/mapping/{organizationId}/{sourceId}</c>: the source's layers side by side, the source mapping as JSON
/// with validation and preview as the operator types (<c>/console/mapping/check</c>), and saving through the API's own
/// <see cref="AdminSourceMappingEndpoints.PutAsync"/>. A save names the version the page was opened with; when the
/// mapping changed since, nothing is written and the page says who changed what.
/// </summary>
public sealed class SourceModel : ConsolePageModel
{
    /// <summary>The version token of a source without a mapping.</summary>
    public const string NoMapping = SourceMapping.NoVersion;

    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string SourceId { get; set; } = string.Empty;

    /// <summary>The editor's JSON text.</summary>
    [BindProperty(Name = "mapping")]
    public string? MappingJson { get; set; }

    /// <summary>The mapping's version when the page was opened: its last change's time, or <see cref="NoMapping"/>.</summary>
    [BindProperty(Name = "loadedVersion")]
    public string? LoadedVersion { get; set; }

    /// <summary>The text of the mapping as it was when the page was opened, to say what another save changed.</summary>
    [BindProperty(Name = "loadedMapping")]
    public string? LoadedMapping { get; set; }

    /// <summary>Set by "Replace their version with mine" after a conflict: the version the operator chose to replace.</summary>
    [BindProperty(Name = "replaceVersion")]
    public string? ReplaceVersion { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    internal Organization? Organization { get; private set; }

    internal WebhookSource? Source { get; private set; }

    internal SourceMapping? Stored { get; private set; }

    internal LayerTable? Layers { get; private set; }

    internal IReadOnlyList<WebhookPayloadSummary> RecentPayloads { get; private set; } = [];

    /// <summary>The organization's client overrides that apply to this source (its own and those for all sources), active or not.</summary>
    internal IReadOnlyList<ClientOverride> Overrides { get; private set; } = [];

    /// <summary>Set when the save was refused because another save came first.</summary>
    internal SaveConflict? Conflict { get; private set; }

    /// <summary>The stored mapping's version token.</summary>
    public string CurrentVersion => Version(Stored);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        MappingJson = MappingText.Format(Stored);
        LoadedMapping = MappingJson;
        LoadedVersion = CurrentVersion;
        if (Saved)
        {
            Notice = "Saved. The source's next payloads are booked with this mapping.";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var expected = ReplaceVersion ?? LoadedVersion ?? NoMapping;
        if (!string.Equals(expected, CurrentVersion, StringComparison.Ordinal))
        {
            Conflict = new SaveConflict(Stored?.UpdatedAt, MappingChanges.Between(LoadedMapping, MappingText.Format(Stored)), CurrentVersion);
            return Page();
        }

        return await ChangeAsync(async () =>
        {
            // The version goes with the save, so the store refuses it if another save landed since the check above.
            var request = MappingText.Read(MappingJson) with { Version = expected };
            try
            {
                await AdminSourceMappingEndpoints.PutAsync(OrganizationId, SourceId, request, HttpContext, Get<OrganizationStore>(),
                    Get<IOrganizationSources>(), Get<MappingStore>(), Get<MappingCache>(), Get<AuditTrail>(), HttpContext.RequestAborted);
            }
            catch (ApiException e) when (e.Code == MappingErrors.VersionConflictCode)
            {
                await LoadAsync(cancellationToken);
                Conflict = new SaveConflict(Stored?.UpdatedAt, MappingChanges.Between(LoadedMapping, MappingText.Format(Stored)), CurrentVersion);
                return Page();
            }

            return Redirect($"/console/mapping/{Uri.EscapeDataString(OrganizationId)}/{Uri.EscapeDataString(SourceId)}?saved=true");
        });
    }

    /// <summary>A refused save shows the page again with the operator's text and the version it was opened with.</summary>
    protected override async Task<IActionResult> OnRefusedAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    internal static string Version(SourceMapping? mapping) => SourceMapping.VersionOf(mapping);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Organization = await Get<OrganizationStore>().GetByIdAsync(OrganizationId, cancellationToken);
        Source = Organization is null ? null : await Get<WebhookStore>().GetSourceAsync(OrganizationId, SourceId, cancellationToken);
        if (Source is null)
        {
            return false;
        }

        var mappings = Get<MappingStore>();
        Stored = await mappings.GetSourceMappingAsync(OrganizationId, SourceId, cancellationToken);
        var templates = await mappings.GetGlobalTemplatesAsync(Source.SourceType, cancellationToken);
        var overrides = await mappings.GetClientOverridesAsync(OrganizationId, SourceId, cancellationToken);
        var columns = new List<LayerColumn>();
        columns.AddRange(templates.Select(t => new LayerColumn(t.TemplateId, LayerKind.Template, $"{t.Name} (v{t.Version})",
            Layer(t.TemplateId, LayerKind.Template, t.Priority, t.CreatedAt, t.FieldMappings, t.StaticValues, t.EventActions))));
        columns.AddRange(overrides.Select(o => new LayerColumn(o.OverrideId, LayerKind.Override, o.SourceId is null ? $"{o.Name} (all sources)" : o.Name,
            Layer(o.OverrideId, LayerKind.Override, o.Priority, o.CreatedAt, o.FieldMappings, o.StaticValues, o.EventActions))));
        if (Stored is { } own)
        {
            columns.Add(new LayerColumn(own.MappingId, LayerKind.SourceMapping, "This source",
                Layer(own.MappingId, LayerKind.SourceMapping, own.Priority, own.CreatedAt, own.FieldMappings, own.StaticValues, own.EventActions)));
        }

        Layers = LayerTable.Build(columns);
        Overrides = [.. (await mappings.ListOverridesAsync(OrganizationId, cancellationToken)).Where(o => o.SourceId is null || o.SourceId == SourceId)];
        RecentPayloads = (await Get<WebhookStore>().ListPayloadsAsync(OrganizationId, new PayloadFilter { SourceId = SourceId }, new PageRequest(1, 10),
            cancellationToken)).Items;
        return true;
    }

    private static MappingLayer Layer(string id, LayerKind kind, int priority, DateTime createdAt, string fieldMappings, string staticValues, string? eventActions) =>
        new(id, kind, priority, createdAt, AccountingIntegration.Mapping.MappingJson.DeserializeFieldMappings(fieldMappings),
            AccountingIntegration.Mapping.MappingJson.DeserializeStaticValues(staticValues))
        {
            EventActions = AccountingIntegration.Mapping.MappingJson.DeserializeEventActions(eventActions),
        };
}
