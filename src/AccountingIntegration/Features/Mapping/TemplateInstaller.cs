using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// Installs the built-in global templates (<see cref="BuiltInTemplates.All"/>) and keeps installed copies current:
/// <list type="bullet">
/// <item>none of that source type under its name (or a name it was shipped under before): it is added;</item>
/// <item>an installed copy no operator changed (version 1) whose content differs from the shipped one: it is
/// replaced in place (name, description, field mappings, static values, event actions), so an existing
/// installation picks up a new release's template, and a renamed template stays one per source type;</item>
/// <item>a copy an operator changed (version above 1) that differs: left alone, and reported.</item>
/// </list>
/// Running it again changes nothing.
/// </summary>
internal sealed class TemplateInstaller(MappingStore mappings, MappingCache cache)
{
    public async Task<TemplateInstallResult> InstallAsync(CancellationToken cancellationToken)
    {
        var installed = new List<string>();
        var upgraded = new List<string>();
        var keptEdited = new List<string>();
        foreach (var template in BuiltInTemplates.All)
        {
            var label = $"{template.SourceType}: {template.Name}";
            var existing = await mappings.ListTemplatesAsync(template.SourceType, activeOnly: false, new(1, 200), cancellationToken);
            var installedCopy = existing.Items.FirstOrDefault(t => t.Name == template.Name)
                                ?? existing.Items.FirstOrDefault(t => template.PreviousNames.Contains(t.Name, StringComparer.Ordinal));
            if (installedCopy is null)
            {
                await mappings.CreateTemplateAsync(template.Name, template.SourceType, template.Description, FieldMappingsJson(template),
                    StaticValuesJson(template), template.Priority, cancellationToken, EventActionsJson(template));
                installed.Add(label);
            }
            else if (!IsShipped(installedCopy, template))
            {
                // The store re-checks version 1 in the UPDATE, so an operator's edit made meanwhile is never overwritten.
                var fresh = installedCopy with
                {
                    Name = template.Name,
                    Description = template.Description,
                    FieldMappings = FieldMappingsJson(template),
                    StaticValues = StaticValuesJson(template),
                    EventActions = EventActionsJson(template),
                };
                if (installedCopy.Version == 1 && await mappings.UpgradeBuiltInTemplateAsync(fresh, cancellationToken))
                {
                    upgraded.Add(label);
                }
                else
                {
                    keptEdited.Add($"{label} (installed as '{installedCopy.Name}', edited by an operator)");
                }
            }
        }

        if (installed.Count + upgraded.Count > 0)
        {
            cache.InvalidateAll();
        }

        return new TemplateInstallResult(installed, upgraded, keptEdited);
    }

    private static bool IsShipped(MappingTemplate stored, BuiltInTemplate template) =>
        stored.Name == template.Name
        && stored.Description == template.Description
        && SameJson(stored.FieldMappings, FieldMappingsJson(template))
        && SameJson(stored.StaticValues, StaticValuesJson(template))
        && SameJson(stored.EventActions ?? "{}", EventActionsJson(template) ?? "{}");

    private static bool SameJson(string stored, string shipped)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(shipped));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FieldMappingsJson(BuiltInTemplate template) => MappingJson.SerializeFieldMappings(template.FieldMappings);

    private static string StaticValuesJson(BuiltInTemplate template) => MappingJson.SerializeStaticValues(template.StaticValues);

    private static string? EventActionsJson(BuiltInTemplate template) =>
        template.EventActions.Count == 0 ? null : MappingJson.SerializeEventActions(template.EventActions);
}

/// <summary>What an installation did, each entry "sourceType: name".</summary>
/// <param name="Installed">Templates added.</param>
/// <param name="Upgraded">Unchanged installed copies replaced with the shipped content.</param>
/// <param name="KeptEdited">Copies an operator changed, which differ from the shipped content and were left alone.</param>
internal sealed record TemplateInstallResult(IReadOnlyList<string> Installed, IReadOnlyList<string> Upgraded, IReadOnlyList<string> KeptEdited)
{
    public bool ChangedNothing => Installed.Count == 0 && Upgraded.Count == 0;
}
