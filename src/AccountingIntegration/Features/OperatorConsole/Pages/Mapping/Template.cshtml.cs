using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// <c>/console/mapping/templates/{templateId}</c>: one global template, rule by rule, and (for admins) its layer as JSON,
/// saved through the API's own <see cref="AdminTemplateEndpoints.UpdateAsync"/> with the version the page was opened with.
/// A save made since is reported with what it changed; nothing is overwritten unless the operator chooses to.
/// </summary>
public sealed class TemplateModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string TemplateId { get; set; } = string.Empty;

    [BindProperty(Name = "layer")]
    public string? LayerJson { get; set; }

    [BindProperty(Name = "active")]
    public bool Active { get; set; } = true;

    [BindProperty(Name = "loadedVersion")]
    public int? LoadedVersion { get; set; }

    [BindProperty(Name = "loadedLayer")]
    public string? LoadedLayer { get; set; }

    /// <summary>Set by "Replace their version with mine" after a conflict.</summary>
    [BindProperty(Name = "replaceVersion")]
    public int? ReplaceVersion { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    internal MappingTemplate? Template { get; private set; }

    internal LayerTable? Layers { get; private set; }

    internal SaveConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var t = Template!;
        LayerJson = Format(t);
        LoadedLayer = LayerJson;
        LoadedVersion = t.Version;
        Active = t.IsActive;
        Notice = Saved ? $"Saved as version {t.Version}. Every organization's {t.SourceType} sources use it from their next payload." : null;
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
            var request = new UpdateTemplateRequest(ReplaceVersion ?? LoadedVersion, null, null, null,
                layer.FieldMappings ?? new System.Text.Json.Nodes.JsonArray(), layer.StaticValues ?? new System.Text.Json.Nodes.JsonObject(),
                layer.Priority ?? 0, Active, layer.EventActions ?? new System.Text.Json.Nodes.JsonObject());
            try
            {
                await AdminTemplateEndpoints.UpdateAsync(TemplateId, request, HttpContext, Get<MappingStore>(), Get<MappingCache>(), Get<AuditTrail>(), cancellationToken);
            }
            catch (ApiException e) when (e.Code == MappingErrors.VersionConflictCode)
            {
                await LoadAsync(cancellationToken);
                Conflict = new SaveConflict(Template!.UpdatedAt, MappingChanges.Between(LoadedLayer, Format(Template)),
                    Template.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return Page();
            }

            return Redirect($"/console/mapping/templates/{Uri.EscapeDataString(TemplateId)}?saved=true");
        });
    }

    /// <summary>A refused save shows the page again with the operator's text.</summary>
    protected override async Task<IActionResult> OnRefusedAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    private static string Format(MappingTemplate t) => MappingText.Format(t.FieldMappings, t.StaticValues, t.EventActions, t.Priority);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Template = await Get<MappingStore>().GetTemplateAsync(TemplateId, cancellationToken);
        if (Template is not { } t)
        {
            return false;
        }

        var layer = new MappingLayer(t.TemplateId, LayerKind.Template, t.Priority, t.CreatedAt, MappingJson.DeserializeFieldMappings(t.FieldMappings),
            MappingJson.DeserializeStaticValues(t.StaticValues))
        {
            EventActions = MappingJson.DeserializeEventActions(t.EventActions),
        };
        Layers = LayerTable.Build([new LayerColumn(t.TemplateId, LayerKind.Template, t.Name, layer)]);
        return true;
    }
}
