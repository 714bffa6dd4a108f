namespace QboSandbox.Throttling;

/// <summary>
/// Sliding windows, in-flight count and statistics for one realm. Windows hold the arrival times of
/// accepted requests; a request is throttled when admitting it would exceed a configured limit.
/// </summary>
internal sealed class RealmTraffic(string realmId)
{
    private readonly Lock _gate = new();
    private readonly Queue<long> _lastMinute = new();
    private readonly Queue<long> _lastSecond = new();
    private readonly Queue<long> _batchesLastMinute = new();
    private int _inFlight;
    private long _requests;
    private long _throttled;
    private int _maxConcurrency;
    private int _peakPerSecond;
    private int _peakPerMinute;
    private int _peakBatchesPerMinute;

    public string RealmId { get; } = realmId;

    /// <summary>Counts the arrival and decides; every call must be paired with <see cref="Exit"/>.</summary>
    public bool TryEnter(DateTimeOffset now, bool isBatch, SandboxOptions options)
    {
        var t = now.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            _requests++;
            _inFlight++;
            _maxConcurrency = Math.Max(_maxConcurrency, _inFlight);
            Prune(_lastMinute, t - 60_000);
            Prune(_lastSecond, t - 1_000);
            Prune(_batchesLastMinute, t - 60_000);

            var perSecond = _lastSecond.Count + 1;
            var perMinute = _lastMinute.Count + 1;
            var batches = _batchesLastMinute.Count + (isBatch ? 1 : 0);
            _peakPerSecond = Math.Max(_peakPerSecond, perSecond);
            _peakPerMinute = Math.Max(_peakPerMinute, perMinute);
            _peakBatchesPerMinute = Math.Max(_peakBatchesPerMinute, batches);

            if (Over(_inFlight, options.ConcurrentRequestsPerRealm) || Over(perSecond, options.RequestsPerSecondPerRealm)
                || Over(perMinute, options.RequestsPerMinutePerRealm) || (isBatch && Over(batches, options.BatchRequestsPerMinutePerRealm)))
            {
                _throttled++;
                return false;
            }

            _lastMinute.Enqueue(t);
            _lastSecond.Enqueue(t);
            if (isBatch)
            {
                _batchesLastMinute.Enqueue(t);
            }

            return true;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _inFlight--;
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public RealmStats Snapshot()
    {
        lock (_gate)
        {
            return new RealmStats(RealmId, _requests, _throttled, _maxConcurrency, _inFlight, _peakPerSecond, _peakPerMinute, _peakBatchesPerMinute);
        }
    }

    private static bool Over(int value, int limit) => limit > 0 && value > limit;

    private static void Prune(Queue<long> window, long cutoff)
    {
        while (window.Count > 0 && window.Peek() <= cutoff)
        {
            window.Dequeue();
        }
    }
}
