using System.Globalization;
using System.Net;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>
/// <c>ingest</c>: the webhook pipeline benchmark of SPEC §10, everything on loopback in this process.
/// For each database and concurrency it measures, one after the other in the same run, (a) an empty ASP.NET
/// Core endpoint, (b) a naive one-transaction-per-request durable insert of the same body into a database of
/// the same kind, and (c) the service's webhook endpoint (workers off, so only ingest is measured); then the
/// end-to-end run (workers on, webhook → invoice in the local QBO sandbox). Writes a markdown report.
/// </summary>
internal static class IngestCommand
{
    public const string Name = "ingest";

    private const string Usage = """
        ingest [--seconds 3] [--warmup 1] [--rounds 3] [--preheat 3] [--concurrency 1,16,64] [--databases sqlite,mysql]
               [--endpoints empty,naive,service] [--breakdown-iterations 2000]
               [--e2e-webhooks 200] [--e2e-concurrency 16] [--e2e-workers 4] [--e2e-paced-rate 5] [--e2e-paced-seconds 10]
               [--e2e-timeout 120] [--no-e2e]
               [--output <file.md>]
        MariaDB/MySQL: the server at TEST_MYSQL_URL (default mysql://ai_test:ai_test@127.0.0.1:3306/ai_test).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        IngestOptions options;
        try
        {
            options = IngestOptions.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        var report = new IngestReport(options, args);
        var order = ShopifyOrder.Load();
        report.BodyBytes = order.Compact.Length;
        Log($"ingest benchmark: {string.Join(", ", options.Databases)}; concurrency {string.Join("/", options.Concurrency)}; " +
            $"{options.Rounds} rounds of {options.WarmUp.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s per endpoint; body {order.Compact.Length:N0} bytes; " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC");

        foreach (var kind in options.Databases)
        {
            await MeasureIngestAsync(kind, order, options, report);
        }

        if (options.EndToEnd)
        {
            foreach (var kind in options.Databases)
            {
                Log($"end to end on {Label(kind)}: {options.E2eWorkers} workers");
                report.EndToEnd.AddRange(await EndToEnd.RunAsync(kind, order, options, Log));
            }
        }

        report.Finish();
        var markdown = report.ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        var output = options.Output ?? DefaultOutput();
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, markdown);
        Log($"written to {output}");
        return 0;
    }

    public static string Label(BenchDatabaseKind kind) => kind == BenchDatabaseKind.Sqlite ? "SQLite" : "MariaDB";

    private static async Task MeasureIngestAsync(BenchDatabaseKind kind, ShopifyOrder order, IngestOptions options, IngestReport report)
    {
        await using var naiveDatabase = await BenchDatabase.CreateAsync(kind, "naive");
        await using var serviceDatabase = await BenchDatabase.CreateAsync(kind, "service");
        var naiveStore = kind == BenchDatabaseKind.Sqlite
            ? await NaiveStore.CreateSqliteAsync(naiveDatabase.ConnectionString)
            : await NaiveStore.CreateMySqlAsync(naiveDatabase.ConnectionString);
        await using var empty = await BaselineHost.StartEmptyAsync();
        await using var naive = await BaselineHost.StartNaiveAsync(naiveStore);
        // Workers off: the queue fills, nothing competes with ingest for the two cores.
        await using var service = await ServiceUnderTest.StartAsync(serviceDatabase.Url, "http://127.0.0.1:0",
            new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        var tenant = await service.CreateTenantAsync();
        var endpoints = new (string Name, Uri Url, string? ApiKey)[]
        {
            ("empty", new Uri(empty.BaseAddress, "/hook"), null),
            ("naive", new Uri(naive.BaseAddress, "/hook"), null),
            ("service", new Uri(service.BaseAddress, $"/api/v1/webhook/{tenant.Slug}"), tenant.ApiKey),
        };
        await CheckServiceAsync(endpoints[2].Url, tenant.ApiKey, order);

        var runId = Guid.NewGuid().ToString("N")[..8];
        var selected = endpoints.Where(e => options.Endpoints.Contains(e.Name)).ToArray();
        if (options.Preheat > TimeSpan.Zero)
        {
            // Once per process and endpoint, unrecorded: JIT tiering, pools and caches settle before any round.
            Log($"  {Label(kind)}: preheating each endpoint for {options.Preheat.TotalSeconds:F0} s at concurrency 16");
            foreach (var (name, url, apiKey) in selected)
            {
                using var load = new LoadGenerator(16);
                await load.RunAsync(n => WebhookRequests.Create(url, apiKey, order.Compact, $"{runId}-preheat-{name}-{n}"),
                    _ => true, 16, options.Preheat, TimeSpan.Zero);
            }
        }

        foreach (var concurrency in options.Concurrency)
        {
            var rounds = selected.ToDictionary(e => e.Name, _ => new List<LoadResult>());
            var peaks = selected.ToDictionary(e => e.Name, _ => 0.0);
            for (var round = 0; round < options.Rounds; round++)
            {
                // The order rotates each round, so no endpoint always runs right after the same neighbour.
                foreach (var (name, url, apiKey) in selected.Skip(round % selected.Length).Concat(selected.Take(round % selected.Length)))
                {
                    using var load = new LoadGenerator(Math.Max(concurrency, 1));
                    MemoryProbe.ResetPeak();
                    var prefix = $"{runId}-{name}-{concurrency}-{round}-";
                    var result = await load.RunAsync(
                        n => WebhookRequests.Create(url, apiKey, order.Compact, prefix + n.ToString(CultureInfo.InvariantCulture)),
                        status => status == HttpStatusCode.Accepted, concurrency, options.WarmUp, options.Duration);
                    peaks[name] = Math.Max(peaks[name], MemoryProbe.PeakMiB());
                    rounds[name].Add(result);
                    var latency = LatencySummary.Of(result.LatenciesMs);
                    Log($"  {Label(kind),-7} c={concurrency,-3} round {round + 1} {name,-7} {result.RequestsPerSecond,8:F0} req/s  " +
                        $"p50 {latency.P50,7:F2} ms  p99 {latency.P99,7:F2} ms  failed {result.Failed}" +
                        (result.FirstFailure is null ? string.Empty : $"  first failure: {result.FirstFailure}"));
                }
            }

            foreach (var (name, _, _) in selected)
            {
                var phase = new PhaseResult(concurrency, rounds[name]);
                report.Ingest.Add(new IngestRow(kind, name, phase, peaks[name]));
            }
        }

        if (options.BreakdownIterations > 0)
        {
            Log($"  {Label(kind)}: timing breakdown of one request's steps, {options.BreakdownIterations} calls each");
            var steps = await Breakdown.RunAsync(kind, service, tenant, naiveStore, order.Compact, options.BreakdownIterations);
            foreach (var step in steps)
            {
                Log($"    {step.Step,-62} median {step.MedianMicroseconds,8:F1} µs  mean {step.MeanMicroseconds,8:F1} µs  p99 {step.P99Microseconds,8:F1} µs");
            }

            report.Breakdown.AddRange(steps);
        }
    }

    /// <summary>One webhook through the real endpoint before measuring: a 202 that is not a duplicate, then the same key again is one.</summary>
    private static async Task CheckServiceAsync(Uri url, string apiKey, ShopifyOrder order)
    {
        using var client = new HttpClient();
        var key = "check-" + Guid.NewGuid().ToString("N");
        foreach (var expectDuplicate in new[] { false, true })
        {
            using var request = WebhookRequests.Create(url, apiKey, order.Compact, key);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Accepted || !body.Contains($"\"duplicate\":{(expectDuplicate ? "true" : "false")}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The webhook endpoint answered {(int)response.StatusCode}: {body}");
            }
        }
    }

    private static string DefaultOutput()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AccountingIntegration.slnx")))
            {
                return Path.Combine(directory.FullName, "bench", "results", $"ingest-{DateTime.UtcNow:yyyy-MM-dd}.md");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, $"ingest-{DateTime.UtcNow:yyyy-MM-dd}.md");
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>The machine in one line: CPU model, cores, OS, runtime, GC.</summary>
    public static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
            // Not Linux: the model stays unknown.
        }

        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{cpu}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, ")
            .Append(CultureInfo.InvariantCulture, $".NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC")
            .ToString();
    }

    /// <summary>The commit measured, and whether src/ had changes not yet committed; "unknown" without git.</summary>
    public static string Commit()
    {
        var head = Git("rev-parse --short HEAD");
        if (head is null)
        {
            return "unknown";
        }

        var dirty = Git("status --porcelain -- :/src");
        return string.IsNullOrWhiteSpace(dirty) ? head : head + " with uncommitted changes under src/";
    }

    private static string? Git(string arguments)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            using var git = System.Diagnostics.Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
