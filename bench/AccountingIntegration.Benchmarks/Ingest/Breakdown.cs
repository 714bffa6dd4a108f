using System.Diagnostics;
using System.Text;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>One step of the webhook request, timed alone.</summary>
internal sealed record BreakdownStep(BenchDatabaseKind Database, string Step, double MedianMicroseconds, double MeanMicroseconds, double P99Microseconds);

/// <summary>
/// Where one request's time goes without HTTP and without concurrency: the steps the webhook handler performs,
/// called in-process one after the other through the service's own singletons, next to the naive insert.
/// A timing breakdown for the profile, not a benchmark of its own: each step runs the same number of times
/// after half a second of warm-up; its median, mean and p99 are reported (the median is the
/// figure to read on a shared machine, where a few disturbed calls move the mean).
/// </summary>
internal static class Breakdown
{
    public static async Task<List<BreakdownStep>> RunAsync(BenchDatabaseKind kind, ServiceUnderTest service, BenchTenant tenant, NaiveStore naive,
        byte[] body, int iterations)
    {
        var services = service.Services;
        var organizations = services.GetRequiredService<OrganizationStore>();
        var webhooks = services.GetRequiredService<WebhookStore>();
        var apiKeys = services.GetRequiredService<ApiKeyAuthenticator>();
        var database = services.GetRequiredService<Database>();
        var text = Encoding.UTF8.GetString(body);
        var run = Guid.NewGuid().ToString("N")[..8];
        long n = 0;

        var steps = new (string Name, Func<Task> Step)[]
        {
            ("open a pooled connection (+ PRAGMAs on SQLite)", async () => { await using var c = await database.OpenAsync(); }),
            ("organization by slug (SELECT)", () => organizations.GetBySlugAsync(tenant.Slug, default)),
            ("API key (hash + memory cache)", () => apiKeys.AuthenticateAsync(tenant.ApiKey, default)),
            ("default source (SELECT)", () => webhooks.GetDefaultSourceAsync(tenant.OrganizationId, default)),
            ("parse + depth check of the body", () =>
            {
                using var document = WebhookBody.Parse(body, 64);
                return Task.CompletedTask;
            }),
            ("store 1 payload: key claim + payload + queue, 1 transaction", () => webhooks.CreatePayloadAsync(new NewPayload
            {
                OrganizationId = tenant.OrganizationId,
                SourceId = tenant.SourceId,
                EventKey = $"idem:breakdown-{run}-{Interlocked.Increment(ref n)}",
                RawPayload = text,
            }, default)),
            ("store 16 payloads in 1 transaction, per payload", async () =>
            {
                var batch = Enumerable.Range(0, 16).Select(_ => new NewPayload
                {
                    OrganizationId = tenant.OrganizationId,
                    SourceId = tenant.SourceId,
                    EventKey = $"idem:breakdown-{run}-{Interlocked.Increment(ref n)}",
                    RawPayload = text,
                }).ToList();
                await webhooks.CreatePayloadsAsync(batch, default);
            }),
            ("naive insert: 1 row, 1 transaction", () => naive.InsertAsync(text, DateTime.UtcNow, default)),
        };

        var results = new List<BreakdownStep>();
        foreach (var (name, step) in steps)
        {
            var perCall = name.Contains("16 payloads", StringComparison.Ordinal) ? 16.0 : 1.0;
            var count = (int)Math.Max(20, iterations / perCall);
            // Warm up by time, not count: tiered compilation needs a moment to replace the first, unoptimised code.
            var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                await step();
            }

            var samples = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await step();
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / perCall;
            }

            var mean = samples.Average();
            var summary = LatencySummary.Of(samples);
            results.Add(new BreakdownStep(kind, name, summary.P50, mean, summary.P99));
        }

        return results;
    }
}
