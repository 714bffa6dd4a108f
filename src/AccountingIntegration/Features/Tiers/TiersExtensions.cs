using System.Threading.RateLimiting;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountingIntegration.Features.Tiers;

internal static class TiersExtensions
{
    /// <summary>
    /// Plan tiers and rate limits: one global partitioned limiter over the tier table and the per-IP
    /// limits (both bound with the other settings, so start-up reports their problems together).
    /// </summary>
    public static void AddPlanTiers(this IHostApplicationBuilder builder)
    {
        builder.AddSettings(problems => PlanTierOptions.Bind(builder.Configuration, problems));
        builder.AddSettings(problems => RateLimitOptions.Bind(builder.Configuration, problems));
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<PlanTierOptions, RateLimitOptions, TimeProvider>((options, tiers, limits, clock) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartitions.For(http, tiers, limits, clock));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RateLimitRejection.WriteAsync;
        });
        builder.Services.AddEndpointProblemSource<RateLimitProblems>();
    }

    /// <summary>After authentication and authorization: the endpoint is matched and the caller known.</summary>
    public static void UsePlanTiers(this WebApplication app)
    {
        app.UseMiddleware<ApiKeyCallerMiddleware>();
        app.UseRateLimiter();
    }
}
