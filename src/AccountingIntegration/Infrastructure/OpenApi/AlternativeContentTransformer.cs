using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Keeps every content type an endpoint declares for a status. The framework keeps only the last
/// declaration per status, so a list that answers JSON or, on request, CSV (<c>Results&lt;Ok&lt;…&gt;, CsvFile&lt;…&gt;&gt;</c>)
/// was documented as CSV only.
/// </summary>
internal sealed class AlternativeContentTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declarations = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(d => d.Type is not null && d.Type != typeof(void))
            .ToList();
        foreach (var declaration in declarations)
        {
            var key = declaration.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(key, out var response) != true || response is not OpenApiResponse { Content: { } content })
            {
                continue;
            }

            foreach (var contentType in declaration.ContentTypes.Where(c => !content.ContainsKey(c)))
            {
                content[contentType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(declaration.Type!, null, cancellationToken) };
            }
        }
    }
}
