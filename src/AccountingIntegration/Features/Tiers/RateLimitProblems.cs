using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// Documents 429 RATE_LIMITED where <see cref="RateLimitPartitions"/> limits: login and the public
/// routes per client IP, and every route that takes an API key per key. Read from the same paths and
/// credentials the limiter partitions by, so a route added under a limited prefix is documented too.
/// </summary>
internal sealed class RateLimitProblems : IEndpointProblemSource
{
    public IEnumerable<ProblemCodes> For(ApiDescription endpoint)
    {
        var path = new PathString("/" + endpoint.RelativePath?.TrimStart('/'));
        var limited = RateLimitPartitions.IsLogin(path) || RateLimitPartitions.IsPublic(path)
            || endpoint.ActionDescriptor.EndpointMetadata.AcceptedCredentials().HasFlag(ApiCredentials.ApiKey);
        return limited ? [new ProblemCodes(StatusCodes.Status429TooManyRequests, [ErrorCodes.RateLimited])] : [];
    }
}
