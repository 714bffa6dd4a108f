using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Writes every problem response an operation can answer: the statuses its metadata declares (on the
/// endpoint or its groups) and those the <see cref="IEndpointProblemSource"/>s add, each as
/// <c>application/problem+json</c> with its codes in the description and as the enum of <c>code</c>.
/// A problem response declared without codes gets the code the service writes for its status.
/// </summary>
internal sealed class ProblemResponsesTransformer(IEnumerable<IEndpointProblemSource> sources) : IOpenApiOperationTransformer
{
    public const string ContentType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemCodes>()
            .Concat(sources.SelectMany(s => s.For(context.Description)))
            .GroupBy(p => p.Status)
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Codes).Distinct(StringComparer.Ordinal).ToList());

        operation.Responses ??= [];
        foreach (var (key, response) in operation.Responses.ToList())
        {
            // Declared by the framework's ProducesProblem, without codes.
            if (response.Content?.ContainsKey(ContentType) == true && int.TryParse(key, CultureInfo.InvariantCulture, out var status)
                && !declared.ContainsKey(status))
            {
                declared[status] = [ErrorCodes.ForStatus(status)];
            }
        }

        foreach (var (status, codes) in declared.OrderBy(p => p.Key))
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = Response(status, codes, context.Document);
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Response(int status, IReadOnlyList<string> codes, OpenApiDocument? document) => new()
    {
        Description = $"{ReasonPhrases.GetReasonPhrase(status)}: {string.Join(", ", codes)}",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ContentType] = new()
            {
                Schema = new OpenApiSchema
                {
                    AllOf =
                    [
                        new OpenApiSchemaReference(ProblemDetailsSchemaTransformer.SchemaId, document),
                        new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Select(c => (JsonNode)JsonValue.Create(c))] },
                            },
                        },
                    ],
                },
            },
        },
    };
}
