using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>Gives a member marked <see cref="DocumentedAsAttribute"/> the schema of its wire type, in place of its declared one.</summary>
internal sealed class DocumentedAsTransformer : IOpenApiSchemaTransformer
{
    // The framework's note on a schema that it names a component; left on, the member would point at JsonNode's.
    private const string SchemaIdKey = "x-schema-id";

    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DocumentedAsAttribute), inherit: true) is not [DocumentedAsAttribute documented, ..])
        {
            return;
        }

        // The member's schema object is what the document keeps, so the wire schema is copied into it.
        var wire = await context.GetOrCreateSchemaAsync(documented.Type, null, cancellationToken);
        schema.Metadata?.Remove(SchemaIdKey);
        schema.Type = wire.Type;
        schema.Items = wire.Items;
        schema.Properties = wire.Properties;
        schema.Required = wire.Required;
        schema.AdditionalProperties = wire.AdditionalProperties;
        schema.AdditionalPropertiesAllowed = wire.AdditionalPropertiesAllowed;
        schema.Description ??= documented.Description ?? wire.Description;
    }
}
