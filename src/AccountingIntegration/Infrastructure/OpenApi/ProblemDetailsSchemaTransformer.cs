using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// The <c>ProblemDetails</c> component as the service writes it (RFC 9457 plus <c>success</c>,
/// <c>code</c> and <c>requestId</c> on every problem; <c>errors</c> on validation failures).
/// Each problem response narrows <c>code</c> to the values it can carry.
/// </summary>
internal sealed class ProblemDetailsSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string SchemaId = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[SchemaId] = Schema();
        return Task.CompletedTask;
    }

    private static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An error (RFC 9457). Clients switch on `code`, never on `title`.",
        Required = new HashSet<string> { "title", "status", "success", "code", "requestId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem (for most statuses, its section of RFC 9110)."),
            ["title"] = Text("What went wrong, for a person to read; it may change."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("More about this occurrence, when there is more to say."),
            ["instance"] = Text("A URI naming this occurrence."),
            ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Always false on a problem." },
            ["code"] = Text("The stable machine-readable error code."),
            ["requestId"] = Text("The request's id, also in the X-Request-Id header; quote it when reporting a problem."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation failures: each field at fault with what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["retryAfterSeconds"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Description = "On 429: seconds to wait, as in the Retry-After header.",
            },
            ["qbo"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "On QBO_ERROR: QuickBooks Online's own answer (kind, status, code, message, detail, intuitTid).",
            },
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
