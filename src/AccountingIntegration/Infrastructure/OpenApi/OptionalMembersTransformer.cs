using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// A nullable member is optional. The schema exporter lists every positional record parameter without a
/// default as required, but a request may leave a <c>string?</c> out (absent reads as null, and in a
/// partial update as "keep"). Responses write such members as null, which a client reads like absent.
/// <see cref="OptionalMemberAttribute"/> marks the rare optional member whose type is not nullable.
/// Runs for an object's schema wherever it appears, on its own or as a member of another.
/// </summary>
internal sealed class OptionalMembersTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(IsOptional))
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsOptional(JsonPropertyInfo property) =>
        property.IsGetNullable || property.IsSetNullable
        || property.AttributeProvider?.IsDefined(typeof(OptionalMemberAttribute), inherit: false) == true;
}
