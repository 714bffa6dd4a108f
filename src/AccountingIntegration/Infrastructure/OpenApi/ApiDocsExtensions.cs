using Scalar.AspNetCore;

namespace AccountingIntegration.Infrastructure.OpenApi;

internal static class ApiDocsExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/docs";

    /// <summary>
    /// The OpenAPI document, told the whole truth: every path parameter, each operation's own security,
    /// its problem responses with their codes, and the requests handlers read themselves.
    /// Features add the problems they cause around endpoints with <see cref="ProblemCodesExtensions.AddEndpointProblemSource{TSource}"/>.
    /// </summary>
    public static void AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointProblemSource<ServerErrorProblems>();
        builder.Services.AddEndpointProblemSource<RequestBindingProblems>();
        builder.Services.AddEndpointProblemSource<ViewerWriteProblems>();
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddDocumentTransformer<ProblemDetailsSchemaTransformer>();
            options.AddOperationTransformer<PathParametersTransformer>();
            options.AddOperationTransformer<AlternativeContentTransformer>();
            options.AddOperationTransformer<RequestDocumentationTransformer>();
            options.AddOperationTransformer<OperationSecurityTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddSchemaTransformer<OptionalMembersTransformer>();
            options.AddSchemaTransformer<DocumentedAsTransformer>();
        });
    }

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI reading it at <c>/docs</c>.</summary>
    public static void MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        endpoints.MapScalarApiReference(UiPath, options => options.WithTitle("Accounting Integration Service API"));
    }
}
