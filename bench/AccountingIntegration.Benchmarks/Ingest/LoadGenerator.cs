using System.Diagnostics;
using System.Net;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>What one measured window produced: completions inside it and their latencies (ms, ascending).</summary>
internal sealed record LoadResult(int Concurrency, double Seconds, double[] LatenciesMs, int Failed, string? FirstFailure, long Sent)
{
    public int Completed => LatenciesMs.Length;

    public double RequestsPerSecond => Completed / Seconds;
}

/// <summary>
/// An endpoint at one concurrency over several rounds: the rate is the median of the rounds' rates (robust to a
/// round disturbed by the shared machine), latency percentiles come from all rounds' samples together.
/// </summary>
internal sealed record PhaseResult(int Concurrency, IReadOnlyList<LoadResult> Rounds)
{
    public double RequestsPerSecond => Median(Rounds.Select(r => r.RequestsPerSecond));

    public double MinRequestsPerSecond => Rounds.Min(r => r.RequestsPerSecond);

    public double MaxRequestsPerSecond => Rounds.Max(r => r.RequestsPerSecond);

    public LatencySummary Latency { get; } = LatencySummary.Of(Rounds.SelectMany(r => r.LatenciesMs).ToArray());

    public int Failed => Rounds.Sum(r => r.Failed);

    public string? FirstFailure => Rounds.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null);

    public long Sent => Rounds.Sum(r => r.Sent);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Latency percentiles (nearest rank) of a sorted sample, in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P95, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Sorts <paramref name="milliseconds"/> in place.</summary>
    public static LatencySummary Of(double[] milliseconds)
    {
        if (milliseconds.Length == 0)
        {
            return Empty;
        }

        Array.Sort(milliseconds);
        return new LatencySummary(Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.95), Percentile(milliseconds, 0.99), milliseconds[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest value with at least p of the sample at or below it.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Closed-loop HTTP load on loopback: <c>concurrency</c> tasks, each sending its next request as soon as the
/// previous answer has been read in full. A warm-up runs first with the same tasks (connections, JIT, pools,
/// caches); then only requests that both start and finish inside the measured window count, so the window's
/// edges do not bias the rate or the latencies. Latency is send-to-last-byte on the client.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _client;

    public LoadGenerator(int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <param name="newRequest">Builds request number n (unique across the whole run, warm-up included).</param>
    /// <param name="accept">Whether an answer counts as a success; other answers count as failures.</param>
    /// <param name="concurrency">How many requests are in flight at any time (one per task).</param>
    /// <param name="warmUp">Load before the window, not counted.</param>
    /// <param name="duration">The measured window.</param>
    public async Task<LoadResult> RunAsync(Func<long, HttpRequestMessage> newRequest, Func<HttpStatusCode, bool> accept,
        int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = 0;
        var failures = 0;
        string? firstFailure = null;
        var samples = new List<double>[concurrency];

        async Task WorkerAsync(int index)
        {
            var mine = new List<double>(4096);
            samples[index] = mine;
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= windowEnd)
                {
                    return;
                }

                var failed = false;
                string? problem = null;
                try
                {
                    using var request = newRequest(Interlocked.Increment(ref sequence));
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (!accept(response.StatusCode))
                    {
                        failed = true;
                        problem = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failed = true;
                    problem = e.GetType().Name + ": " + e.Message;
                }

                var received = Stopwatch.GetTimestamp();
                if (sent < windowStart || received > windowEnd)
                {
                    continue;
                }

                if (failed)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, problem, null);
                }
                else
                {
                    mine.Add(Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => WorkerAsync(i))));
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        return new LoadResult(concurrency, duration.TotalSeconds, all, failures, firstFailure, Interlocked.Read(ref sequence));
    }

    public void Dispose() => _client.Dispose();
}
