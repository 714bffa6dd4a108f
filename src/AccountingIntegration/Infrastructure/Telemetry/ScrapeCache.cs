namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// A database figure behind a gauge, read at most once per <see cref="Freshness"/> however often Prometheus (or several)
/// scrape, and never longer than <see cref="ReadTimeout"/>. A failed read reports nothing rather than failing the scrape:
/// the gauge's series go missing, which an alert can see, and every other series is still served.
/// </summary>
internal sealed partial class ScrapeCache<T>(Func<CancellationToken, Task<T>> read, TimeProvider time, ILogger logger)
    where T : class
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The figure, or null when the last read failed.</summary>
    public T? Get()
    {
        // Gauge callbacks are synchronous; the lock also keeps concurrent scrapes to one read.
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _readAt < Freshness)
            {
                return _value;
            }

            _readAt = now;
            try
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                _value = Task.Run(() => read(timeout.Token), timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                _value = null;
                LogReadFailed(logger, typeof(T).Name, e);
            }

            return _value;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Figure} for /metrics failed; its gauges are left out of this scrape")]
    private static partial void LogReadFailed(ILogger logger, string figure, Exception exception);
}
