using System.Threading.RateLimiting;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// QBO's per-realm limits (REFERENCE §6): at most N requests in flight, per second and per minute
/// for each company, shared by every caller in this process. Callers wait in a queue rather than
/// collect 429s; one busy tenant never slows another.
/// </summary>
internal sealed class QboRealmLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public QboRealmLimiter(QboOptions options)
    {
        var queue = 100_000;
        var concurrency = PartitionedRateLimiter.Create<string, string>(realm => RateLimitPartition.GetConcurrencyLimiter(realm, _ =>
            new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentPerRealm, QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
        var perSecond = PartitionedRateLimiter.Create<string, string>(realm => RateLimitPartition.GetSlidingWindowLimiter(realm, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.RequestsPerSecondPerRealm, Window = TimeSpan.FromSeconds(1), SegmentsPerWindow = 4,
                QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
            }));
        var perMinute = PartitionedRateLimiter.Create<string, string>(realm => RateLimitPartition.GetSlidingWindowLimiter(realm, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.RequestsPerMinutePerRealm, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 12,
                QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
            }));
        _limiter = PartitionedRateLimiter.CreateChained(concurrency, perSecond, perMinute);
    }

    /// <summary>Waits for a permit for <paramref name="realmId"/>; dispose the lease when the response has arrived.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(string realmId, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(realmId, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new QboApiException(new QboFault(QboErrorKind.Throttled, 429, "Too many queued requests for this company in this process."));
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
