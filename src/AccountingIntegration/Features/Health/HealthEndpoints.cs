using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: answers while the process runs, touches nothing.
        endpoints.MapGet("/health", () => TypedResults.Ok(new LivenessResponse("healthy", ServiceHost.ServiceName)))
            .WithName("GetLiveness").WithTags("Health");

        // Readiness: the database answers and is at the latest migration.
        endpoints.MapGet("/api/health", GetReadinessAsync).WithName("GetReadiness").WithTags("Health");
        return endpoints;
    }

    internal static async Task<Results<Ok<ApiResponse<ReadinessReport>>, JsonHttpResult<ApiResponse<ReadinessReport>>>> GetReadinessAsync(
        Database database, DatabaseMigrator migrator, WebhookQueueStore queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var report = await CheckAsync(database, migrator, queue, time, cancellationToken);
        var body = new ApiResponse<ReadinessReport>(report) { Success = report.Status == "healthy" };
        return report.Status == "healthy"
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<ReadinessReport> CheckAsync(Database database, DatabaseMigrator migrator, WebhookQueueStore queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var version = await migrator.GetAppliedVersionAsync(cancellationToken);
            QueueReport? queueReport = null;
            if (version is not null)
            {
                var (depth, oldestDue) = await queue.DepthAsync(cancellationToken);
                var age = oldestDue is { } due ? Math.Max(0, (time.GetUtcNow().UtcDateTime - due).TotalSeconds) : 0;
                queueReport = new QueueReport(depth, (long)age);
            }

            var upToDate = version == DatabaseMigrator.LatestVersion;
            var check = new DatabaseCheck(database.Provider.ToString().ToLowerInvariant(), true, version, DatabaseMigrator.LatestVersion, upToDate,
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
            return new ReadinessReport(upToDate ? "healthy" : "unhealthy", ServiceHost.ServiceName, ServiceHost.Version, check, queueReport?.Depth, queueReport?.OldestDueAgeSeconds);
        }
        catch (System.Data.Common.DbException e)
        {
            // The driver's message names the failure (refused, access denied) without credentials.
            var check = new DatabaseCheck(database.Provider.ToString().ToLowerInvariant(), false, null, DatabaseMigrator.LatestVersion, false,
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.GetType().Name);
            return new ReadinessReport("unhealthy", ServiceHost.ServiceName, ServiceHost.Version, check, null, null);
        }
    }

    internal sealed record LivenessResponse(string Status, string Service);

    /// <summary><see cref="OldestDueAgeSeconds"/>: how long the oldest due payload has waited (0 when none is overdue).</summary>
    internal sealed record ReadinessReport(string Status, string Service, string Version, DatabaseCheck Database, long? QueueDepth, long? OldestDueAgeSeconds);

    private sealed record QueueReport(long Depth, long OldestDueAgeSeconds);

    internal sealed record DatabaseCheck(string Provider, bool Reachable, long? MigrationVersion, long LatestMigration, bool UpToDate, int LatencyMs, string? Error);
}
