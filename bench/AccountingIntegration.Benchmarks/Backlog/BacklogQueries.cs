using System.Diagnostics;
using System.Globalization;
using AccountingIntegration.Benchmarks.Ingest;
using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingIntegration.Benchmarks.Backlog;

/// <summary>
/// The queries a backlog makes hot, each timed on the filled database (warm cache, one after another): what a worker
/// does per attempt, what the admin lists and the payload search answer, and the dashboard's counts.
/// </summary>
internal static class BacklogQueries
{
    private const int Repeats = 20;

    public static async Task RunAsync(Database database, WebhookStore store, BenchTenant big, BenchTenant small, TimeProvider time, int payloads)
    {
        await using var metrics = new ServiceCollection().AddServiceMetrics().BuildServiceProvider();
        var queue = new WebhookQueueStore(database, new DeadlockRetry(metrics.GetRequiredService<ServiceMetrics>()), time);
        var stats = new SystemStatsStore(database);
        var recorder = new OutcomeRecorderless(store);
        var window = time.GetUtcNow().UtcDateTime.AddHours(-24);
        var none = new PayloadFilter();
        // A cursor 40 % into the backlog organization's list, found by offset once (the slow way the cursor replaces).
        var deepRows = payloads * 2 / 5;
        var deep = await store.SearchPayloadsAsync(big.OrganizationId, none, new PageRequest(page: deepRows / PageRequest.MaxPageSize, pageSize: PageRequest.MaxPageSize), default);
        var deepCursor = PayloadCursor.After(deep.Items[^1]);

        Console.WriteLine();
        Console.WriteLine("| query | median ms | max ms |");
        Console.WriteLine("|---|---:|---:|");
        QueueClaim? claim = null;
        await TimeAsync("claim 1 due entry (worker)", async () => claim = (await queue.ClaimDueAsync("bench", 1, TimeSpan.FromMinutes(5), default))[0]);
        await TimeAsync("payload by primary key (worker's look-up)", () => store.GetPayloadAsync(claim!.OrganizationId, claim.PayloadId, claim.ReceivedAt, default));
        await TimeAsync("payload by organization and id (API)", () => store.GetPayloadAsync(claim!.OrganizationId, claim.PayloadId, default));
        await TimeAsync("attempt: claim + look-up + mark succeeded", async () =>
        {
            var next = (await queue.ClaimDueAsync("bench", 1, TimeSpan.FromMinutes(5), default))[0];
            await store.GetPayloadAsync(next.OrganizationId, next.PayloadId, next.ReceivedAt, default);
            await recorder.SucceedAsync(next.PayloadId);
        });
        await TimeAsync("org payload list, page 1 (backlog org)", () => store.ListPayloadsAsync(big.OrganizationId, none, new PageRequest(), default));
        await TimeAsync("org payload list, page 1 (small org)", () => store.ListPayloadsAsync(small.OrganizationId, none, new PageRequest(), default));
        await TimeAsync("org payload list, page 2 (counts to the cap)", () => store.ListPayloadsAsync(big.OrganizationId, none, new PageRequest(page: 2), default));
        await TimeAsync(string.Create(CultureInfo.InvariantCulture, $"org payload list, cursor {deepRows:N0} rows deep"), () => store.ListPayloadsAsync(big.OrganizationId, none, new PageRequest(), default, deepCursor));
        await TimeAsync("admin search, no filter, page 2", () => store.SearchPayloadsAsync(null, none, new PageRequest(page: 2), default));
        await TimeAsync("admin search, status queued, page 2", () => store.SearchPayloadsAsync(null, new PayloadFilter { Status = PayloadStatus.Queued }, new PageRequest(page: 2), default));
        await TimeAsync("admin search, org + status succeeded", () => store.SearchPayloadsAsync(big.OrganizationId, new PayloadFilter { Status = PayloadStatus.Succeeded }, new PageRequest(), default));
        await TimeAsync("admin search, org + last hour, page 2", () => store.SearchPayloadsAsync(big.OrganizationId, new PayloadFilter { ReceivedFrom = window.AddHours(23) }, new PageRequest(page: 2), default));
        await TimeStatsAsync(database, stats, queue, window, "before the counting round: every payload is after the mark");
        var rollup = new PayloadCountRollup(database, new LaterClock(PayloadCountRollup.Grace));
        var counting = Stopwatch.StartNew();
        var hours = await rollup.CatchUpAsync(default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| counting round, {PayloadCountRollup.Grace.TotalMinutes:F0} min after the fill ({hours} hour steps, once) | {counting.Elapsed.TotalMilliseconds:F2} | |"));
        await TimeStatsAsync(database, stats, queue, window, "after the round");
        await TimeAsync("readiness: oldest unclaimed due entry", () => new QueueBacklog(database).OldestUnclaimedDueAsync(time.GetUtcNow().UtcDateTime, default));
        await TimeAsync("readiness, old query: minimum over every claimable entry", () => database.QueryListAsync<DateTime?>(
            $"SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END) FROM webhook_queue WHERE {WebhookQueueStore.ClaimableCondition}",
            WebhookQueueStore.ClaimableParameters(time.GetUtcNow().UtcDateTime), default));
        await TimeAsync("attempt after the round: claim + look-up + mark succeeded", async () =>
        {
            var next = (await queue.ClaimDueAsync("bench", 1, TimeSpan.FromMinutes(5), default))[0];
            await store.GetPayloadAsync(next.OrganizationId, next.PayloadId, next.ReceivedAt, default);
            await recorder.SucceedAsync(next.PayloadId);
        });
    }

    /// <summary>The dashboard's and the gauges' figures, and the old queries over the archive and the queue as the baseline.</summary>
    private static async Task TimeStatsAsync(Database database, SystemStatsStore stats, WebhookQueueStore queue, DateTime window, string when)
    {
        await TimeAsync($"stats: payloads by status, 24 h window ({when})", () => stats.PayloadsByStatusAsync(window, default));
        await TimeAsync($"stats: success by organization, 24 h window ({when})", () => stats.SuccessByOrganizationAsync(window, default));
        await TimeAsync($"stats: payloads by status, 1 h window ({when})", () => stats.PayloadsByStatusAsync(window.AddHours(23), default));
        await TimeAsync($"stats and gauge: queue by status ({when})", () => stats.QueueByStatusAsync(default));
        await TimeAsync($"gauge: queue depth and oldest entries ({when})", () => queue.DepthAsync(default));
        await TimeAsync("old query: payloads by status, 24 h window", () => database.QueryListAsync<(string, long)>(
            "SELECT status, COUNT(*) FROM webhook_payloads WHERE received_at >= @From GROUP BY status", new { From = window }, default));
        await TimeAsync("old query: queue by status", () => database.QueryListAsync<(string, long)>(
            "SELECT status, COUNT(*) FROM webhook_queue GROUP BY status", null, default));
        await TimeAsync("old query: queue depth", () => database.QueryListAsync<long>("SELECT COUNT(*) FROM webhook_queue", null, default));
    }

    /// <summary>The service clock as the counting round sees it a grace period after the fill.</summary>
    private sealed class LaterClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }

    private static async Task TimeAsync(string name, Func<Task> query)
    {
        var samples = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            await query();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {samples[Repeats / 2]:F2} | {samples[^1]:F2} |"));
    }

    /// <summary>The database half of a successful attempt: the payload succeeded and its queue entry gone, in one transaction.</summary>
    private sealed class OutcomeRecorderless(WebhookStore store)
    {
        public async Task SucceedAsync(string payloadId)
        {
            await using var transaction = await store.BeginOutcomeAsync(default);
            await store.MarkProcessedAsync(transaction, payloadId, "bench", default);
            await transaction.CommitAsync(default);
        }
    }
}
