using System.Diagnostics;
using AccountingIntegration.Benchmarks.Ingest;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Benchmarks.Batches;

/// <summary>
/// <c>batches --backlog N</c>: N distinct orders written straight into the queue through the service's own write path
/// (<see cref="WebhookStore.CreatePayloadsAsync"/>, groups of 64 as group commit forms them), while the instances
/// drain them into the company; then the drain is timed over <c>--seconds</c> with the backlog still waiting, so the
/// figure is the rate into one company with a large queue behind it (issue 16, item 6).
/// </summary>
internal static class BacklogDrain
{
    private const int Group = 64;

    public static async Task<(long Drained, double Minutes)> RunAsync(BatchesOptions options, BenchDatabase database, WebhookStore store, BenchTenant tenant,
        ShopifyOrder order, Action<string> log)
    {
        var url = DatabaseUrl.Parse(database.Url);
        var eventType = await ScalarAsync<string?>(url, "SELECT event_type FROM webhook_payloads WHERE organization_id = @Org LIMIT 1", tenant.OrganizationId);
        var filling = Stopwatch.StartNew();
        for (var written = 0; written < options.Backlog; written += Group)
        {
            var group = Enumerable.Range(written, Math.Min(Group, options.Backlog - written)).Select(i => new NewPayload
            {
                OrganizationId = tenant.OrganizationId,
                SourceId = tenant.SourceId,
                EventKey = $"idem:backlog-{i}",
                EventType = eventType,
                RawPayload = System.Text.Encoding.UTF8.GetString(order.Numbered(20_000_000 + i)),
            }).ToList();
            await store.CreatePayloadsAsync(group, default);
            if ((written / Group) % 1563 == 0 && written > 0)
            {
                log($"  backlog {written:N0} written ({written / filling.Elapsed.TotalSeconds:F0}/s), {await SucceededAsync(url, tenant):N0} drained so far");
            }
        }

        log($"  backlog of {options.Backlog:N0} written in {filling.Elapsed.TotalSeconds:F0} s; timing the drain for {options.Seconds} s");
        var before = await SucceededAsync(url, tenant);
        var timing = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        var drained = await SucceededAsync(url, tenant) - before;
        var minutes = timing.Elapsed.TotalMinutes;
        var waiting = await ScalarAsync<long>(url, "SELECT COUNT(*) FROM webhook_queue WHERE organization_id = @Org", tenant.OrganizationId);
        var failed = await ScalarAsync<long>(url, "SELECT COUNT(*) FROM webhook_payloads WHERE organization_id = @Org AND status IN ('failed', 'dead')", tenant.OrganizationId);
        log($"  drained {drained:N0} in {minutes * 60:F0} s: {drained / minutes:F0} documents/min with {waiting:N0} still queued, {failed:N0} failed or dead");
        return (drained, minutes);
    }

    private static Task<long> SucceededAsync(DatabaseUrl url, BenchTenant tenant) =>
        ScalarAsync<long>(url, "SELECT COUNT(*) FROM webhook_payloads WHERE organization_id = @Org AND status = 'succeeded'", tenant.OrganizationId);

    private static async Task<T> ScalarAsync<T>(DatabaseUrl url, string sql, string organizationId)
    {
        await using var connection = await new Database(url).OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, new { Org = organizationId }))!;
    }
}
