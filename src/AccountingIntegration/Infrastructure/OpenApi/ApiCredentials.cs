using Microsoft.AspNetCore.Authorization;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>The credentials a caller can present; an endpoint accepting several takes any one of them.</summary>
[Flags]
internal enum ApiCredentials
{
    None = 0,

    /// <summary>An organization's API key in X-API-Key.</summary>
    ApiKey = 1,

    /// <summary>An operator's bearer JWT.</summary>
    OperatorToken = 2,

    /// <summary>
    /// A webhook signed with its source's scheme. The endpoint checks it against per-source headers,
    /// so OpenAPI has no scheme to name: it reads as "no credential needed".
    /// </summary>
    WebhookSignature = 4,
}

/// <summary>
/// Which credentials an endpoint accepts when no authorization policy says it: the tenant routes
/// check the caller themselves, and the webhook takes a key or a signature.
/// </summary>
internal sealed record AcceptedCredentialsMetadata(ApiCredentials Credentials);

internal static class AcceptedCredentialsExtensions
{
    public static TBuilder AcceptsCredentials<TBuilder>(this TBuilder builder, ApiCredentials credentials)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptedCredentialsMetadata(credentials));

    /// <summary>
    /// What the endpoint accepts, read from its metadata: the declared credentials, else nothing for an
    /// anonymous endpoint, else an operator token behind an authorization policy (the operators' JWT is
    /// the service's only authentication scheme), else nothing.
    /// </summary>
    public static ApiCredentials AcceptedCredentials(this IEnumerable<object> metadata)
    {
        var all = metadata.ToList();
        if (all.OfType<AcceptedCredentialsMetadata>().LastOrDefault() is { } declared)
        {
            return declared.Credentials;
        }

        if (all.OfType<IAllowAnonymous>().Any())
        {
            return ApiCredentials.None;
        }

        return all.OfType<IAuthorizeData>().Any() ? ApiCredentials.OperatorToken : ApiCredentials.None;
    }
}
