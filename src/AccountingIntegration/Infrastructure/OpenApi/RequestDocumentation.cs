namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>An optional request header the handler reads itself, so the framework cannot see it.</summary>
internal sealed record RequestHeaderMetadata(string Name, string Description);

/// <summary>A JSON body (any object or array) the handler reads raw, e.g. to verify a signature over its exact bytes.</summary>
internal sealed record RawJsonBodyMetadata(string Description);

internal static class RequestDocumentationExtensions
{
    public static TBuilder WithRequestHeader<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestHeaderMetadata(name, description));

    public static TBuilder AcceptsRawJson<TBuilder>(this TBuilder builder, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RawJsonBodyMetadata(description));
}
