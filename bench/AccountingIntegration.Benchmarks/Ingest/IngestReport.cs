using System.Globalization;
using System.Text;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>One measured phase: an endpoint at one concurrency on one database, and the highest peak resident set of its rounds.</summary>
internal sealed record IngestRow(BenchDatabaseKind Database, string Endpoint, PhaseResult Result, double PeakRssMiB);

/// <summary>The run's figures as markdown: raw table, ratios against the two baselines, the bars, end to end.</summary>
internal sealed class IngestReport(IngestOptions options, string[] args)
{
    private const double P99BarMs = 50;

    private readonly DateTime _started = DateTime.UtcNow;
    private readonly string _loadAtStart = IngestCommand.LoadAverage();
    private DateTime _finished;
    private string _loadAtEnd = "";

    public List<IngestRow> Ingest { get; } = [];

    public List<EndToEndResult> EndToEnd { get; } = [];

    public List<BreakdownStep> Breakdown { get; } = [];

    public int BodyBytes { get; set; }

    public void Finish()
    {
        _finished = DateTime.UtcNow;
        _loadAtEnd = IngestCommand.LoadAverage();
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"# Webhook ingest benchmark, {_started:yyyy-MM-dd}");
        Line(md);
        Line(md, $"- Run: {_started:yyyy-MM-dd HH:mm}–{_finished:HH:mm} UTC");
        Line(md, $"- Command: `dotnet run -c Release --project bench/AccountingIntegration.Benchmarks -- {Command()}`");
        Line(md, $"- Commit: {IngestCommand.Commit()}");
        Line(md, $"- Machine: {IngestCommand.Machine()}");
        Line(md, $"- Load average (1/5/15 min) at start {_loadAtStart}, at end {_loadAtEnd}");
        Line(md, $"- Body: Shopify REST order fixture, compact, {BodyBytes:N0} bytes, a unique Idempotency-Key per request; " +
                 $"closed loop; each endpoint preheated {options.Preheat.TotalSeconds:F0} s once, then per concurrency {options.Rounds} rounds, " +
                 $"the three endpoints one after the other in rotating order, each {options.WarmUp.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s measured; " +
                 "req/s is the median of the rounds, latency percentiles are over all rounds' requests, from sending the request to reading the whole answer.");
        Line(md, "- One process: load generator, both baselines and the service (workers off) on 127.0.0.1; MariaDB is another process on the same 2 cores.");
        Line(md);

        Line(md, "## Ingest");
        Line(md);
        Line(md, "| database | concurrency | endpoint | req/s (median) | rounds' range | p50 ms | p99 ms | max ms | failed | peak RSS MiB |");
        Line(md, "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in Ingest)
        {
            var r = row.Result;
            var name = row.Endpoint == "service" ? "**service**" : row.Endpoint;
            Line(md, $"| {IngestCommand.Label(row.Database)} | {r.Concurrency} | {name} | {r.RequestsPerSecond:N0} | {r.MinRequestsPerSecond:N0}–{r.MaxRequestsPerSecond:N0} | {r.Latency.P50:F2} | {r.Latency.P99:F2} | {r.Latency.Max:F1} | {r.Failed} | {row.PeakRssMiB:F0} |");
        }

        Line(md);
        Line(md, "## Ratios (service ÷ baseline, same run)");
        Line(md);
        Line(md, "| database | concurrency | req/s ÷ empty | req/s ÷ naive | p99 ÷ empty | p99 ÷ naive |");
        Line(md, "|---|---:|---:|---:|---:|---:|");
        foreach (var (database, concurrency, empty, naive, service) in Triples())
        {
            Line(md, $"| {IngestCommand.Label(database)} | {concurrency} | {Ratio(service.RequestsPerSecond, empty.RequestsPerSecond)} | " +
                     $"{Ratio(service.RequestsPerSecond, naive.RequestsPerSecond)} | {Ratio(service.Latency.P99, empty.Latency.P99)} | {Ratio(service.Latency.P99, naive.Latency.P99)} |");
        }

        Line(md);
        Line(md, "## Bars (issue 6): SQLite ingest rate ≥ naive durable insert; p99 < 50 ms at concurrency 64");
        Line(md);
        foreach (var (database, concurrency, _, naive, service) in Triples().Where(t => t.Database == BenchDatabaseKind.Sqlite))
        {
            var rateMet = service.RequestsPerSecond >= naive.RequestsPerSecond;
            var p99 = concurrency == 64 ? $"; p99 {service.Latency.P99:F1} ms {(service.Latency.P99 < P99BarMs ? "< 50 ms: met" : "≥ 50 ms: NOT met")}" : string.Empty;
            Line(md, $"- {IngestCommand.Label(database)}, concurrency {concurrency}: service {service.RequestsPerSecond:N0} req/s vs naive {naive.RequestsPerSecond:N0} req/s: " +
                     $"{(rateMet ? "at least the naive rate" : "below the naive rate")}{p99}");
        }

        if (Breakdown.Count > 0)
        {
            Line(md);
            Line(md, "## Where one request's time goes (in-process, sequential, no HTTP)");
            Line(md);
            Line(md, "The steps the webhook handler performs, each called alone through the service's own singletons; the naive insert for comparison.");
            Line(md);
            Line(md, "| database | step | median µs | mean µs | p99 µs |");
            Line(md, "|---|---|---:|---:|---:|");
            foreach (var step in Breakdown)
            {
                Line(md, $"| {IngestCommand.Label(step.Database)} | {step.Step} | {step.MedianMicroseconds:F1} | {step.MeanMicroseconds:F1} | {step.P99Microseconds:F1} |");
            }
        }

        if (EndToEnd.Count > 0)
        {
            Line(md);
            Line(md, "## End to end");
            Line(md);
            Line(md, $"The service with {options.E2eWorkers} workers, connected to the local QBO sandbox (default limits: 10 concurrent and 10 per second per realm). " +
                     $"Paced: {options.E2ePacedRate} distinct orders per second for {options.E2ePacedSeconds} s, open loop, below the limit. " +
                     $"Burst: {options.E2eWebhooks} distinct orders sent at concurrency {options.E2eConcurrency} as fast as they are accepted, then drained. " +
                     "Latency is each payload's completed_at − received_at (the service's clock); invoices/s from the first webhook received to the last invoice created.");
            Line(md);
            Line(md, "| database | load | sent | accepted | succeeded (invoices in sandbox) | other statuses | sending s | invoices/s | p50 ms | p95 ms | max ms | QBO calls/invoice | QBO calls/s | throttled (429) | payloads retried | peak RSS MiB |");
            Line(md, "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var e in EndToEnd)
            {
                var others = e.OtherStatuses.Count == 0 ? "none" : string.Join(", ", e.OtherStatuses.Select(p => $"{p.Key} {p.Value}"));
                Line(md, $"| {IngestCommand.Label(e.Database)} | {e.Load} | {e.Sent} | {e.Accepted} | {e.Succeeded} ({e.SandboxInvoices}) | {others} | {e.SendSeconds:F1} | {e.InvoicesPerSecond:F1} | " +
                         $"{e.Latency.P50:F0} | {e.Latency.P95:F0} | {e.Latency.Max:F0} | {e.QboRequestsPerInvoice:F1} | {e.QboRequestsPerSecond:F1} | {e.QboThrottled} | {e.Retried} | {e.PeakRssMiB:F0} |");
            }

            foreach (var e in EndToEnd.Where(e => e.FirstProblem is not null))
            {
                Line(md);
                Line(md, $"{IngestCommand.Label(e.Database)}, {e.Load}, first problem seen: `{e.FirstProblem}`");
            }
        }

        return md.ToString();
    }

    private IEnumerable<(BenchDatabaseKind Database, int Concurrency, PhaseResult Empty, PhaseResult Naive, PhaseResult Service)> Triples() =>
        Ingest.GroupBy(r => (r.Database, r.Result.Concurrency))
            .Where(g => g.Count() == 3)
            .Select(g => (g.Key.Database, g.Key.Concurrency,
                g.Single(r => r.Endpoint == "empty").Result, g.Single(r => r.Endpoint == "naive").Result, g.Single(r => r.Endpoint == "service").Result));

    private string Command() => string.Join(' ', new[] { IngestCommand.Name }.Concat(args));

    private static string Ratio(double value, double baseline) =>
        baseline > 0 && !double.IsNaN(value) && !double.IsNaN(baseline) ? (value / baseline).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
