using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// A problem response an endpoint can answer: its status and the stable <c>code</c> values it carries
/// there. Endpoint metadata, or contributed by an <see cref="IEndpointProblemSource"/>.
/// </summary>
internal sealed record ProblemCodes(int Status, IReadOnlyList<string> Codes);

/// <summary>
/// Problems that come from around the endpoint rather than from its handler (the exception handler,
/// request binding, rate limiting), decided per endpoint so that routes added later are covered too.
/// </summary>
internal interface IEndpointProblemSource
{
    IEnumerable<ProblemCodes> For(ApiDescription endpoint);
}

internal static class ProblemCodesExtensions
{
    /// <summary>
    /// Documents that the endpoint (or every endpoint of the group) can answer <paramref name="status"/>
    /// as problem details carrying one of <paramref name="codes"/>. Several calls for one status add up.
    /// </summary>
    public static TBuilder ProducesProblemCodes<TBuilder>(this TBuilder builder, int status, params string[] codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodes(status, codes));

    /// <summary>Adds a source of problems that the endpoints' own metadata does not declare.</summary>
    public static void AddEndpointProblemSource<TSource>(this IServiceCollection services)
        where TSource : class, IEndpointProblemSource =>
        services.AddSingleton<IEndpointProblemSource, TSource>();
}
