using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Names the service and its two credentials: an organization's API key (X-API-Key) and an
/// operator's bearer JWT. Which one an operation takes is its own security (<see cref="OperationSecurityTransformer"/>):
/// there is no document-wide requirement, since the anonymous routes need none.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Accounting Integration Service";
        document.Info.Version = ServiceHost.Version;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = CredentialHeaders.ApiKey,
            Description = "The organization's API key; it acts only for its own organization. A key created with a sourceId is bound to "
                          + "that webhook source: it sends webhooks to it and lists and reads its payloads, and every other organization route "
                          + "answers it 403 KEY_SCOPE_FORBIDDEN.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An operator token from POST /api/admin/auth/login.",
        };
        return Task.CompletedTask;
    }
}
