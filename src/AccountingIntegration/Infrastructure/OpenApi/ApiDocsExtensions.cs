using Scalar.AspNetCore;

namespace AccountingIntegration.Infrastructure.OpenApi;

internal static class ApiDocsExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/docs";

    public static void AddApiDocs(this IHostApplicationBuilder builder) =>
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<SecuritySchemesTransformer>());

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI reading it at <c>/docs</c>.</summary>
    public static void MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        endpoints.MapScalarApiReference(UiPath, options => options.WithTitle("Accounting Integration Service API"));
    }
}
