using System.Diagnostics;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Infrastructure.Hosting;

namespace AccountingIntegration.Features.Health;

/// <summary>Readiness: the database answers, is at the latest migration, and how much work waits in the queue.</summary>
internal sealed class ReadinessCheck(Database database, DatabaseMigrator migrator, WebhookQueueStore queue, TimeProvider time)
{
    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var provider = database.Provider.ToString().ToLowerInvariant();
        try
        {
            var version = await migrator.GetAppliedVersionAsync(cancellationToken);
            QueueReport? queueReport = null;
            if (version is not null)
            {
                var depth = await queue.DepthAsync(cancellationToken);
                var now = time.GetUtcNow().UtcDateTime;
                queueReport = new QueueReport(depth.Depth, (long)depth.OverdueSeconds(now), (long?)depth.WaitingConnectionSeconds(now));
            }

            var upToDate = version == DatabaseMigrator.LatestVersion;
            var check = new DatabaseCheck(provider, true, version, DatabaseMigrator.LatestVersion, upToDate, ElapsedMs(started), null);
            return new ReadinessReport(upToDate ? "healthy" : "unhealthy", ServiceHost.ServiceName, ServiceHost.Version, check, queueReport?.Depth,
                queueReport?.OldestDueAgeSeconds, queueReport?.OldestWaitingConnectionAgeSeconds);
        }
        catch (System.Data.Common.DbException e)
        {
            // The driver's message names the failure (refused, access denied) without credentials.
            var check = new DatabaseCheck(provider, false, null, DatabaseMigrator.LatestVersion, false, ElapsedMs(started), e.GetType().Name);
            return new ReadinessReport("unhealthy", ServiceHost.ServiceName, ServiceHost.Version, check, null, null, null);
        }
    }

    private static int ElapsedMs(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private sealed record QueueReport(long Depth, long OldestDueAgeSeconds, long? OldestWaitingConnectionAgeSeconds);
}

/// <summary>
/// <see cref="OldestDueAgeSeconds"/>: how long the oldest due payload has waited (0 when none is overdue);
/// <see cref="OldestWaitingConnectionAgeSeconds"/>: how long ago the oldest payload still waiting for its company to
/// reconnect arrived (null when none waits), so a forgotten reconnect shows before its orders are weeks late.
/// </summary>
internal sealed record ReadinessReport(
    string Status, string Service, string Version, DatabaseCheck Database, long? QueueDepth, long? OldestDueAgeSeconds, long? OldestWaitingConnectionAgeSeconds);

internal sealed record DatabaseCheck(string Provider, bool Reachable, long? MigrationVersion, long LatestMigration, bool UpToDate, int LatencyMs, string? Error);
