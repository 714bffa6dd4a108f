using System.Threading.RateLimiting;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// A fixed one-window rate limiter that knows when its window ends, so a refusal's Retry-After is the
/// time really left. The framework's fixed window limiter reports its whole window length instead.
/// Its clock is the service's <see cref="TimeProvider"/>, so tests move windows with a fake clock.
/// </summary>
internal sealed class WindowLimiter(int permits, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUse = clock.GetUtcNow();
    private int _used;

    /// <summary>
    /// Null while the window still holds used permits: the partitioned limiter disposes idle limiters,
    /// and forgetting a used window would hand its caller a fresh one.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                return _used > 0 && now < _windowStart + window ? null : now - _lastUse;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, permits - _used) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            _lastUse = now;
            if (now >= _windowStart + window)
            {
                _windowStart = now;
                _used = 0;
            }

            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                return WindowLease.Granted;
            }

            return new WindowLease(_windowStart + window - now);
        }
    }

    // No queueing (the seed's limits refuse at once), so waiting adds nothing to trying.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class WindowLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
