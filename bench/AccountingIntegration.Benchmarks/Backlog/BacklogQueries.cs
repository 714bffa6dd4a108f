using System.Diagnostics;
using System.Globalization;
using AccountingIntegration.Benchmarks.Ingest;
using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;

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
        var queue = new WebhookQueueStore(database, time);
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
        await TimeAsync("stats: payloads by status, 24 h window", () => stats.PayloadsByStatusAsync(window, default));
        await TimeAsync("stats: success by organization, 24 h window", () => stats.SuccessByOrganizationAsync(window, default));
        await TimeAsync("stats: payloads by status, 1 h window", () => stats.PayloadsByStatusAsync(window.AddHours(23), default));
        await TimeAsync("stats: queue by status", () => stats.QueueByStatusAsync(default));
        await TimeAsync("stats: queue depth", () => queue.DepthAsync(default));
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
