using AccountingIntegration.Infrastructure.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>
/// The orchestrator's probes, on the platform's health checks: <c>/health/live</c> (the process) and
/// <c>/health/ready</c> (database, migrations, queue). Minimal-API handlers over <see cref="HealthCheckService"/>
/// rather than <c>MapHealthChecks</c>, so they sit in the API document like every other route.
/// </summary>
internal static class ProbeEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static void AddHealthProbes(this IHostApplicationBuilder builder)
    {
        var options = builder.AddSettings(problems => HealthOptions.Bind(builder.Configuration, problems));
        builder.Services.AddHealthChecks()
            .AddCheck<ProcessHealthCheck>(ProcessHealthCheck.Name, tags: [LiveTag])
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>(MigrationsHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<QueueHealthCheck>(QueueHealthCheck.Name, tags: [ReadyTag]);
        // A backstop only: each readiness check bounds itself (BoundedHealthCheck) and names the time-out.
        builder.Services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations)
            {
                registration.Timeout = options.CheckTimeout + TimeSpan.FromSeconds(1);
            }
        });
    }

    public static void MapHealthProbes(this IEndpointRouteBuilder endpoints)
    {
        var probes = endpoints.MapGroup("/health").WithTags("Health").AllowAnonymous();
        probes.MapGet("/live", GetLiveAsync).WithName("GetHealthLive")
            .WithSummary("Liveness: the process runs. Touches no dependency.");
        probes.MapGet("/ready", GetReadyAsync).WithName("GetHealthReady")
            .WithSummary("Readiness: the database answers, has every migration, and no due payload has waited past QUEUE_STALL_SECONDS.")
            .Produces<ProbeReport>(StatusCodes.Status503ServiceUnavailable);
    }

    internal static Task<Results<Ok<ProbeReport>, JsonHttpResult<ProbeReport>>> GetLiveAsync(HealthCheckService health, HttpContext http, CancellationToken cancellationToken) =>
        AnswerAsync(health, LiveTag, http, cancellationToken);

    internal static Task<Results<Ok<ProbeReport>, JsonHttpResult<ProbeReport>>> GetReadyAsync(HealthCheckService health, HttpContext http, CancellationToken cancellationToken) =>
        AnswerAsync(health, ReadyTag, http, cancellationToken);

    private static async Task<Results<Ok<ProbeReport>, JsonHttpResult<ProbeReport>>> AnswerAsync(
        HealthCheckService health, string tag, HttpContext http, CancellationToken cancellationToken)
    {
        var report = ProbeReport.From(await health.CheckHealthAsync(r => r.Tags.Contains(tag), cancellationToken));
        // A cached "healthy" would hide the moment the service stops being so.
        http.Response.Headers.CacheControl = "no-store";
        return report.Status == ProbeReport.Healthy
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
