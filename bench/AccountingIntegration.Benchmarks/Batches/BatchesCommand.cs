using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccountingIntegration.Benchmarks.Ingest;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using QboSandbox;
using QboSandbox.Faults;

namespace AccountingIntegration.Benchmarks.Batches;

/// <summary>
/// <c>batches</c>: distinct Shopify orders sent open loop at a fixed rate into one sandbox company (Intuit's default
/// limits) through one or more service instances on one database, until every payload is final: documents a minute,
/// QBO calls and reads per document, 429s, duplicates (documents sharing a fingerprint) and failed payloads
/// (bench/README.md, "Batches into one company").
/// </summary>
internal static partial class BatchesCommand
{
    public const string Name = "batches";

    private static readonly string[] FinalStatuses = [PayloadStatus.Succeeded, PayloadStatus.Skipped, PayloadStatus.Failed, PayloadStatus.Dead];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BatchesOptions.Parse(args);
        var order = ShopifyOrder.Load();
        Log($"batches: {options.Database}, {options.Instances} instance(s), {options.Rate} orders/s for {options.Seconds} s, {options.Workers} workers each, " +
            $"faults {(options.Faults ? "on" : "off")}{(options.NewBuyers ? ", a new buyer per order" : string.Empty)}; machine load {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var database = await BenchDatabase.CreateAsync(options.Database, "batches");
        await using var sandbox = await QboSandboxServer.StartAsync(new SandboxOptions { AutoApprove = true });
        var instances = new List<ServiceUnderTest>();
        try
        {
            for (var i = 0; i < options.Instances; i++)
            {
                var baseUrl = ServiceUnderTest.FreeLoopbackUrl();
                instances.Add(await ServiceUnderTest.StartAsync(database.Url, baseUrl, Settings(sandbox, baseUrl, options)));
            }

            var first = instances[0];
            await first.InstallTemplatesAsync();
            var tenant = await first.CreateTenantAsync();
            await SandboxConnect.ConnectAsync(first.BaseAddress, tenant.Slug, tenant.ApiKey);
            var store = first.Services.GetRequiredService<WebhookStore>();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });

            // One order first: the customer and items are created and cached before the measured run.
            await SendAsync(client, first, tenant, order.Numbered(9_000_000), 0);
            await WaitFinalAsync(store, tenant, 1, TimeSpan.FromSeconds(60));
            var realmId = sandbox.State.GetStats().Realms.Single(r => r.Requests > 0).RealmId;
            if (options.Faults)
            {
                AddFaultMix(sandbox, realmId);
            }

            if (options.Backlog > 0)
            {
                var throttledBefore = sandbox.State.GetStats().Throttled;
                await BacklogDrain.RunAsync(options, database, store, tenant, order, Log);
                var stats = sandbox.State.GetStats();
                var drainRealm = stats.Realms.Single(r => r.RealmId == realmId);
                var booked = sandbox.State.GetEntities(realmId, "Invoice");
                var twins = Twins(booked).Sum(g => g.Count() - 1);
                Log($"  429 from the limits {stats.Throttled - throttledBefore}, peak {drainRealm.PeakRequestsPerSecond}/s, {drainRealm.PeakRequestsPerMinute}/min, " +
                    $"{drainRealm.PeakBatchRequestsPerMinute} batches/min; invoices {booked.Count}, duplicates {twins}");
                return twins == 0 ? 0 : 1;
            }

            var before = sandbox.State.GetStats();
            var started = Stopwatch.GetTimestamp();
            var sends = new List<Task<string?>>();
            var count = options.Rate * options.Seconds;
            for (var n = 1; n <= count; n++)
            {
                var wait = TimeSpan.FromSeconds((double)(n - 1) / options.Rate) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var body = options.NewBuyers ? order.NumberedForNewBuyer(9_000_000 + n) : order.Numbered(9_000_000 + n);
                sends.Add(SendAsync(client, instances[n % instances.Count], tenant, body, n));
            }

            var accepted = (await Task.WhenAll(sends)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Log($"  sent {count} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s, {accepted.Count} accepted; waiting for every payload to be final");
            await WaitFinalAsync(store, tenant, accepted.Count + 1, options.Timeout);
            var after = sandbox.State.GetStats();
            var realm = after.Realms.Single(r => r.RealmId == realmId);
            var payloads = (await ListAllAsync(store, tenant)).Where(p => accepted.Contains(p.PayloadId)).ToList();
            var succeeded = payloads.Where(p => p.Status == PayloadStatus.Succeeded && p.CompletedAt is not null).ToList();
            var span = succeeded.Count == 0 ? 0 : (succeeded.Max(p => p.CompletedAt!.Value) - payloads.Min(p => p.ReceivedAt)).TotalMinutes;
            var invoices = sandbox.State.GetEntities(realm.RealmId, "Invoice");
            var duplicates = Twins(invoices).Sum(g => g.Count() - 1);
            var (batches, batched) = await BatchCountsAsync(database);
            await DescribeDuplicatesAsync(database, invoices);
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            instances.Clear();
            var reads = await ReadsAsync(database);
            var requests = after.TotalRequests - before.TotalRequests;
            Log($"  documents {succeeded.Count} of {accepted.Count} succeeded ({string.Join(", ", payloads.GroupBy(p => p.Status).Select(g => $"{g.Key} {g.Count()}"))}); " +
                $"{succeeded.Count / Math.Max(span, 1e-9):F0} documents/min over {span * 60:F0} s");
            Log($"  QBO: {requests} calls ({(double)requests / Math.Max(1, succeeded.Count):F3} a document), {batches} batch requests carrying {batched} documents, " +
                $"reads {reads} in all ({(double)reads / Math.Max(1, succeeded.Count + 1):F3} a document, warm-up included), " +
                $"429 from the limits {after.Throttled - before.Throttled}, peak {realm.PeakRequestsPerSecond}/s, {realm.PeakRequestsPerMinute}/min, " +
                $"{realm.PeakBatchRequestsPerMinute} batches/min, max concurrency {realm.MaxConcurrency}");
            var retried = payloads.Where(p => p.Attempts > 1).Select(p => p.PayloadId).ToList();
            Log($"  invoices in the company {invoices.Count} (warm-up included), duplicates {duplicates}, payloads retried {retried.Count}" +
                $"{await FirstFailuresAsync(database, retried)}");
            return duplicates == 0 && succeeded.Count == accepted.Count ? 0 : 1;
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> Settings(QboSandboxServer sandbox, string baseUrl, BatchesOptions options)
    {
        var settings = SandboxConnect.ServiceSettings(sandbox, baseUrl);
        settings["WORKER_CONCURRENCY"] = options.Workers.ToString(CultureInfo.InvariantCulture);
        settings["WEBHOOK_RETRY_BASE_SECONDS"] = "1";
        settings["WEBHOOK_RETRY_MAX_SECONDS"] = "4";
        settings["WEBHOOK_MAX_ATTEMPTS"] = "20";
        // The fault mix makes every instance log each refusal it meets; the figures are what matters here.
        settings["LOG_LEVEL"] = "Error";
        return settings;
    }

    /// <summary>Tried in order, each with its own chance, so that of all requests 10 % are throttled, 20 % fail 5xx and 5 % of creates lose their answer.</summary>
    private static void AddFaultMix(QboSandboxServer sandbox, string realmId)
    {
        sandbox.State.AddFault(new FaultRuleRequest { RealmId = realmId, FaultType = "ThrottleExceeded", Probability = 0.10, Seed = 11 });
        sandbox.State.AddFault(new FaultRuleRequest { RealmId = realmId, FaultType = "ServiceUnavailable", Probability = 0.20 / 0.90, Seed = 12 });
        sandbox.State.AddFault(new FaultRuleRequest
        {
            RealmId = realmId, Method = "POST", Drop = "afterCommit", ForgetRequestId = true, Probability = 0.05 / 0.70, Seed = 13,
        });
    }

    private static async Task<string?> SendAsync(HttpClient client, ServiceUnderTest instance, BenchTenant tenant, byte[] body, long n)
    {
        using var request = WebhookRequests.Create(new Uri(instance.BaseAddress, $"/api/v1/webhook/{tenant.Slug}"), tenant.ApiKey, body,
            $"batches-{tenant.Slug}-{n}");
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Log($"  webhook {n} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").GetProperty("payloadId").GetString();
    }

    private static async Task WaitFinalAsync(WebhookStore store, BenchTenant tenant, long expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long final = 0;
            foreach (var status in FinalStatuses)
            {
                final += (await store.ListPayloadsAsync(tenant.OrganizationId, new PayloadFilter { Status = status }, new PageRequest(1, 1), default)).Total;
            }

            if (final >= expected)
            {
                return;
            }

            await Task.Delay(500);
        }

        Log("  timed out waiting for payloads");
    }

    private static async Task<List<WebhookPayloadSummary>> ListAllAsync(WebhookStore store, BenchTenant tenant)
    {
        var all = new List<WebhookPayloadSummary>();
        for (var page = 1; ; page++)
        {
            var result = await store.ListPayloadsAsync(tenant.OrganizationId, new PayloadFilter(), new PageRequest(page, PageRequest.MaxPageSize), default);
            all.AddRange(result.Items);
            if (result.Items.Count < PageRequest.MaxPageSize)
            {
                return all;
            }
        }
    }

    private static async Task<(long Batches, long Documents)> BatchCountsAsync(BenchDatabase database)
    {
        await using var connection = await new Database(DatabaseUrl.Parse(database.Url)).OpenAsync();
        return (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM qbo_batches"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM qbo_batch_items WHERE outcome = 'created'"));
    }

    /// <summary>
    /// For each document QBO holds twice: the copies as QBO stamped them, the batches that carried the fingerprint and what
    /// the service recorded for its payload, attempt by attempt, so that a duplicate can be traced to the path that made it.
    /// </summary>
    private static async Task DescribeDuplicatesAsync(BenchDatabase database, IReadOnlyList<JsonObject> invoices)
    {
        await using var connection = await new Database(DatabaseUrl.Parse(database.Url)).OpenAsync();
        foreach (var twin in Twins(invoices))
        {
            var fingerprint = twin.Key[4..^1];
            Log($"  duplicate {fingerprint}: " + string.Join("; ", twin.Select(i => $"Invoice {i["Id"]} DocNumber {i["DocNumber"]} created {i["MetaData"]?["CreateTime"]}")));
            var items = await connection.QueryAsync<(string RequestId, string PayloadId, string? Outcome)>(
                "SELECT request_id AS RequestId, payload_id AS PayloadId, outcome AS Outcome FROM qbo_batch_items WHERE fingerprint = @fingerprint", new { fingerprint });
            foreach (var item in items)
            {
                Log($"    in batch {item.RequestId}: {item.Outcome ?? "unsettled"} (payload {item.PayloadId})");
            }

            var logs = await connection.QueryAsync<(int Attempt, string Status, string? ErrorCode, string? ErrorMessage, DateTime CreatedAt)>(
                "SELECT attempt AS Attempt, status AS Status, error_code AS ErrorCode, error_message AS ErrorMessage, created_at AS CreatedAt FROM sync_logs " +
                "WHERE qbo_request_id = @fingerprint OR payload_id IN (SELECT payload_id FROM qbo_batch_items WHERE fingerprint = @fingerprint) ORDER BY created_at",
                new { fingerprint });
            foreach (var log in logs)
            {
                Log($"    attempt {log.Attempt} at {log.CreatedAt:HH:mm:ss.fff}: {log.Status} {log.ErrorCode} {log.ErrorMessage}");
            }
        }
    }

    /// <summary>What ended the first attempt of the payloads that needed more than one, by outcome code: where the retries come from.</summary>
    private static async Task<string> FirstFailuresAsync(BenchDatabase database, IReadOnlyList<string> retried)
    {
        if (retried.Count == 0)
        {
            return string.Empty;
        }

        await using var connection = await new Database(DatabaseUrl.Parse(database.Url)).OpenAsync();
        var codes = await connection.QueryAsync<(string? Code, long Count)>(
            "SELECT error_code AS Code, COUNT(*) AS Count FROM sync_logs WHERE attempt = 1 AND payload_id IN @Ids GROUP BY error_code ORDER BY COUNT(*) DESC",
            new { Ids = retried });
        return " (first attempts ended " + string.Join(", ", codes.Select(c => $"{c.Code ?? "without a code"} {c.Count}")) + ")";
    }

    /// <summary>The documents QBO holds more than once, grouped by the fingerprint marker in their PrivateNote.</summary>
    private static IEnumerable<IGrouping<string, JsonObject>> Twins(IEnumerable<JsonObject> documents) =>
        documents.GroupBy(i => Marker().Match((string?)i["PrivateNote"] ?? string.Empty).Value).Where(g => g.Key.Length > 0 && g.Count() > 1);

    /// <summary>Metered reads of every instance, as they flushed them on stopping.</summary>
    private static async Task<long> ReadsAsync(BenchDatabase database)
    {
        await using var connection = await new Database(DatabaseUrl.Parse(database.Url)).OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT SUM(read_count) FROM qbo_read_usage") ?? 0;
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    [GeneratedRegex(@"\[ai:[^\]]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
