using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary><c>/console/mapping/templates/{templateId}</c>: one global template, rule by rule, as stored.</summary>
public sealed class TemplateModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string TemplateId { get; set; } = string.Empty;

    internal MappingTemplate? Template { get; private set; }

    internal LayerTable? Layers { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Template = await Get<MappingStore>().GetTemplateAsync(TemplateId, cancellationToken);
        if (Template is not { } t)
        {
            return NotFound();
        }

        var layer = new MappingLayer(t.TemplateId, LayerKind.Template, t.Priority, t.CreatedAt, MappingJson.DeserializeFieldMappings(t.FieldMappings),
            MappingJson.DeserializeStaticValues(t.StaticValues))
        {
            EventActions = MappingJson.DeserializeEventActions(t.EventActions),
        };
        Layers = LayerTable.Build([new LayerColumn(t.TemplateId, LayerKind.Template, t.Name, layer)]);
        return Page();
    }
}
