using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// Installs the built-in global templates (Stripe, Shopify, WooCommerce, Paddle, generic JSON):
/// each is added when no template of that name and source type exists, so running it again, or
/// after an operator edited a template, changes nothing.
/// </summary>
internal sealed class TemplateInstaller(MappingStore mappings, MappingCache cache)
{
    public async Task<IReadOnlyList<string>> InstallAsync(CancellationToken cancellationToken)
    {
        var installed = new List<string>();
        foreach (var template in BuiltInTemplates.All)
        {
            var existing = await mappings.ListTemplatesAsync(template.SourceType, activeOnly: false, new(1, 200), cancellationToken);
            if (existing.Items.Any(t => t.Name == template.Name))
            {
                continue;
            }

            await mappings.CreateTemplateAsync(template.Name, template.SourceType, template.Description,
                MappingJson.SerializeFieldMappings(template.FieldMappings), MappingJson.SerializeStaticValues(template.StaticValues),
                template.Priority, cancellationToken);
            installed.Add($"{template.SourceType}: {template.Name}");
        }

        if (installed.Count > 0)
        {
            cache.InvalidateAll();
        }

        return installed;
    }
}
