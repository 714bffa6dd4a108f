using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;
using QboSandbox;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>What one end-to-end run produced. Latency is the service's own completed_at − received_at per payload.</summary>
internal sealed record EndToEndResult(
    BenchDatabaseKind Database,
    string Load,
    int Sent,
    int Accepted,
    int Succeeded,
    IReadOnlyDictionary<string, long> OtherStatuses,
    double SendSeconds,
    double SpanSeconds,
    LatencySummary Latency,
    double PeakRssMiB,
    string? FirstProblem,
    long SandboxInvoices,
    long QboRequests,
    long QboThrottled,
    int QboMaxConcurrency,
    int Retried)
{
    /// <summary>QBO API calls per invoice created (customer and item look-ups, the invoice itself, retries).</summary>
    public double QboRequestsPerInvoice => Succeeded > 0 ? (double)QboRequests / Succeeded : double.NaN;

    /// <summary>QBO API calls per second over the same span as <see cref="InvoicesPerSecond"/>.</summary>
    public double QboRequestsPerSecond => SpanSeconds > 0 ? QboRequests / SpanSeconds : 0;

    /// <summary>Invoices created per second, from the first webhook received to the last invoice created.</summary>
    public double InvoicesPerSecond => SpanSeconds > 0 ? Succeeded / SpanSeconds : 0;
}

/// <summary>
/// Webhook → invoice in the local QBO sandbox: the service with its workers, connected to the sandbox through
/// the real OAuth flow, the built-in Shopify template installed. Two loads of distinct orders, each watched until
/// every payload has a final status or the timeout passes: a paced one below the QBO limit (the pipeline's own
/// latency), then a burst sent by a closed loop (throughput, capped by the realm's limits, and the backlog's drain).
/// </summary>
internal static class EndToEnd
{
    private static readonly string[] FinalStatuses = [PayloadStatus.Succeeded, PayloadStatus.Skipped, PayloadStatus.Failed, PayloadStatus.Dead];

    public static async Task<List<EndToEndResult>> RunAsync(BenchDatabaseKind kind, ShopifyOrder order, IngestOptions options, Action<string> log)
    {
        await using var database = await BenchDatabase.CreateAsync(kind, "e2e");
        // The sandbox's default limits, as Intuit's: 10 concurrent and 10 per second per realm, 500 per minute.
        await using var sandbox = await QboSandboxServer.StartAsync(new SandboxOptions { AutoApprove = true });
        var baseUrl = ServiceUnderTest.FreeLoopbackUrl();
        var settings = SandboxConnect.ServiceSettings(sandbox, baseUrl);
        settings["WORKER_CONCURRENCY"] = options.E2eWorkers.ToString(CultureInfo.InvariantCulture);
        // A payload that meets a transient refusal (429 from the realm's limits) is retried in seconds, not minutes.
        settings["WEBHOOK_RETRY_BASE_SECONDS"] = "1";
        settings["WEBHOOK_RETRY_MAX_SECONDS"] = "2";
        await using var service = await ServiceUnderTest.StartAsync(database.Url, baseUrl, settings);
        await service.InstallTemplatesAsync();
        var tenant = await service.CreateTenantAsync();
        await SandboxConnect.ConnectAsync(service.BaseAddress, tenant.Slug, tenant.ApiKey);

        var run = new Run(service, sandbox, tenant, order, log);
        var results = new List<EndToEndResult>();
        if (options.E2ePacedRate > 0)
        {
            var count = options.E2ePacedRate * options.E2ePacedSeconds;
            results.Add(await run.MeasureAsync(kind, $"paced {options.E2ePacedRate}/s", count,
                next => SendPacedAsync(next, count, options.E2ePacedRate), options.E2eTimeout));
        }

        results.Add(await run.MeasureAsync(kind, $"burst, concurrency {options.E2eConcurrency}", options.E2eWebhooks,
            next => SendClosedLoopAsync(next, options.E2eWebhooks, options.E2eConcurrency), options.E2eTimeout));
        return results;
    }

    /// <summary>Open loop: one webhook every 1/rate seconds whatever the answers, below the QBO limit.</summary>
    private static async Task SendPacedAsync(Func<Task> sendOne, int count, int rate)
    {
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            sends.Add(sendOne());
        }

        await Task.WhenAll(sends);
    }

    /// <summary>Closed loop: <paramref name="concurrency"/> senders, each sending its next webhook once answered.</summary>
    private static Task SendClosedLoopAsync(Func<Task> sendOne, int count, int concurrency)
    {
        var left = count;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await sendOne();
            }
        })));
    }

    /// <summary>One service connected to one sandbox; each measured load sends distinct orders and waits for them.</summary>
    private sealed class Run(ServiceUnderTest service, QboSandboxServer sandbox, BenchTenant tenant, ShopifyOrder order, Action<string> log)
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, UseCookies = false });
        private readonly Uri _url = new(service.BaseAddress, $"/api/v1/webhook/{tenant.Slug}");
        private readonly WebhookStore _store = service.Services.GetRequiredService<WebhookStore>();
        private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
        private long _orderNumber;
        private long _acceptedSoFar;

        public async Task<EndToEndResult> MeasureAsync(BenchDatabaseKind kind, string load, int count, Func<Func<Task>, Task> send, TimeSpan timeout)
        {
            var qboBefore = sandbox.State.GetStats();
            var invoicesBefore = SandboxInvoices(sandbox);
            MemoryProbe.ResetPeak();
            var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
            string? firstProblem = null;

            async Task SendOneAsync()
            {
                var n = Interlocked.Increment(ref _orderNumber);
                using var request = WebhookRequests.Create(_url, tenant.ApiKey, order.Numbered(n), $"e2e-{_runId}-{n}");
                using var response = await _client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    using var json = JsonDocument.Parse(body);
                    ids.Add(json.RootElement.GetProperty("data").GetProperty("payloadId").GetString()!);
                }
                else
                {
                    Interlocked.CompareExchange(ref firstProblem, $"webhook answered {(int)response.StatusCode}: {body}", null);
                }
            }

            var sendStart = Stopwatch.GetTimestamp();
            await send(SendOneAsync);
            var sendSeconds = Stopwatch.GetElapsedTime(sendStart).TotalSeconds;
            _acceptedSoFar += ids.Count;
            log($"  {load}: sent {count} webhooks in {sendSeconds:F1} s ({ids.Count} accepted); waiting for invoices (up to {timeout.TotalSeconds:F0} s)");

            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (await CountFinalAsync() < _acceptedSoFar && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(250);
            }

            var peak = MemoryProbe.PeakMiB();
            var qbo = sandbox.State.GetStats();
            var sandboxInvoices = SandboxInvoices(sandbox) - invoicesBefore;
            var mine = ids.ToHashSet(StringComparer.Ordinal);
            var payloads = (await ListAllAsync()).Where(p => mine.Contains(p.PayloadId)).ToList();
            var succeeded = payloads.Where(p => p.Status == PayloadStatus.Succeeded && p.CompletedAt is not null).ToList();
            var latencies = succeeded.Select(p => (p.CompletedAt!.Value - p.ReceivedAt).TotalMilliseconds).ToArray();
            var span = succeeded.Count == 0 ? 0 : (succeeded.Max(p => p.CompletedAt!.Value) - payloads.Min(p => p.ReceivedAt)).TotalSeconds;
            firstProblem ??= payloads.FirstOrDefault(p => p.Status != PayloadStatus.Succeeded && p.LastError is not null) is { } failed
                ? $"{failed.Status}: {failed.LastError}"
                : null;
            var otherStatuses = payloads.Where(p => p.Status != PayloadStatus.Succeeded)
                .GroupBy(p => p.Status).ToDictionary(g => g.Key, g => (long)g.Count());
            var result = new EndToEndResult(kind, load, count, ids.Count, succeeded.Count, otherStatuses, sendSeconds, span,
                LatencySummary.Of(latencies), peak, firstProblem, sandboxInvoices,
                qbo.TotalRequests - qboBefore.TotalRequests, qbo.Throttled - qboBefore.Throttled, qbo.MaxConcurrency,
                payloads.Count(p => p.Attempts > 1));
            var slowest = succeeded.OrderBy(p => p.ReceivedAt).Select((p, i) => (Index: i + 1, Ms: (p.CompletedAt!.Value - p.ReceivedAt).TotalMilliseconds))
                .OrderByDescending(p => p.Ms).Take(5);
            var attempts = string.Join(", ", payloads.GroupBy(p => p.Attempts).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
            log($"  {load}: payloads by attempts {attempts}");
            log($"  {load}: slowest payloads (arrival #: ms) {string.Join(", ", slowest.Select(p => $"#{p.Index}: {p.Ms:F0}"))}");
            log($"  {load}: {result.Succeeded} invoices, {result.InvoicesPerSecond:F1}/s, p50 {result.Latency.P50:F0} ms, p95 {result.Latency.P95:F0} ms, " +
                $"{result.QboRequests} QBO calls ({result.QboRequestsPerSecond:F1}/s, {result.QboThrottled} throttled)" +
                (result.FirstProblem is null ? string.Empty : $"; first problem: {result.FirstProblem}"));
            return result;
        }

        private async Task<long> CountFinalAsync()
        {
            long final = 0;
            foreach (var status in FinalStatuses)
            {
                final += (await _store.ListPayloadsAsync(tenant.OrganizationId, new PayloadFilter { Status = status }, new PageRequest(1, 1), default)).Total;
            }

            return final;
        }

        private async Task<List<WebhookPayloadSummary>> ListAllAsync()
        {
            var all = new List<WebhookPayloadSummary>();
            for (var page = 1; ; page++)
            {
                var result = await _store.ListPayloadsAsync(tenant.OrganizationId, new PayloadFilter(), new PageRequest(page, PageRequest.MaxPageSize), default);
                all.AddRange(result.Items);
                if (result.Items.Count < PageRequest.MaxPageSize)
                {
                    return all;
                }
            }
        }
    }

    private static long SandboxInvoices(QboSandboxServer sandbox) =>
        sandbox.State.RealmIds.Sum(realm => (long)sandbox.State.GetEntities(realm, "Invoice").Count);
}
