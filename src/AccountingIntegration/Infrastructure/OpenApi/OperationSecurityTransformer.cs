using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Each operation's security, from what its endpoint accepts (<see cref="AcceptedCredentialsExtensions.AcceptedCredentials"/>):
/// alternatives listed side by side, an empty requirement where no credential is needed (a signed
/// webhook), and an empty list on anonymous routes.
/// </summary>
internal sealed class OperationSecurityTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var credentials = context.Description.ActionDescriptor.EndpointMetadata.AcceptedCredentials();
        operation.Security = [.. Requirements(credentials, context.Document)];
        return Task.CompletedTask;
    }

    private static IEnumerable<OpenApiSecurityRequirement> Requirements(ApiCredentials credentials, OpenApiDocument? document)
    {
        if (credentials.HasFlag(ApiCredentials.ApiKey))
        {
            yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.ApiKeyScheme, document)] = [] };
        }

        if (credentials.HasFlag(ApiCredentials.OperatorToken))
        {
            yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.BearerScheme, document)] = [] };
        }

        if (credentials.HasFlag(ApiCredentials.WebhookSignature))
        {
            yield return new OpenApiSecurityRequirement();
        }
    }
}
