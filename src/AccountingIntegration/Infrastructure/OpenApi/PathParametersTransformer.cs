using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Declares every parameter of the route template. The framework only lists those the handler binds,
/// so a route group's <c>{slug}</c> would be missing, and OpenAPI 3 requires each templated path
/// parameter to be declared (in path, required).
/// </summary>
internal sealed class PathParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var template = RoutePatternFactory.Parse(context.Description.RelativePath ?? string.Empty);
        operation.Parameters ??= [];
        foreach (var name in template.Parameters.Select(p => p.Name))
        {
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }

        return Task.CompletedTask;
    }
}
