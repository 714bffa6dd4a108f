using System.Collections.Concurrent;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// QBO's per-realm limits (REFERENCE §6): at most N requests in flight, per second and per minute for
/// each company, shared by every caller in this process. Callers wait rather than collect 429s; one busy
/// tenant never slows another. The windows are exact and a little longer than QBO's (<see cref="Margin"/>),
/// so requests that reach QBO a few milliseconds apart from when they left still fit QBO's own count.
/// Time comes from the injected clock, so tests can move it.
/// </summary>
internal sealed class QboRealmLimiter(QboOptions options, TimeProvider time)
{
    /// <summary>Added to each window: a request delayed on its way must not land in the next second's count.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Realm> _realms = new(StringComparer.Ordinal);
    private int _inFlight;

    /// <summary>Requests holding a permit right now, across companies (tests move their clock only when none travels).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Waits for a permit for <paramref name="realmId"/>; dispose it when the response has arrived.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string realmId, CancellationToken cancellationToken)
    {
        var realm = _realms.GetOrAdd(realmId, _ => new Realm(options));
        await realm.InFlight.WaitAsync(cancellationToken);
        try
        {
            await realm.StartAsync(time, cancellationToken);
            Interlocked.Increment(ref _inFlight);
            return new Permit(this, realm.InFlight);
        }
        catch
        {
            realm.InFlight.Release();
            throw;
        }
    }

    private sealed class Realm(QboOptions options)
    {
        private readonly RequestLog _perSecond = new(options.RequestsPerSecondPerRealm, TimeSpan.FromSeconds(1) + Margin);
        private readonly RequestLog _perMinute = new(options.RequestsPerMinutePerRealm, TimeSpan.FromMinutes(1) + Margin);
        private readonly Lock _gate = new();

        public SemaphoreSlim InFlight { get; } = new(options.MaxConcurrentPerRealm, options.MaxConcurrentPerRealm);

        public async Task StartAsync(TimeProvider time, CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = time.GetUtcNow();
                    wait = Max(_perSecond.WaitAt(now), _perMinute.WaitAt(now));
                    if (wait <= TimeSpan.Zero)
                    {
                        _perSecond.Record(now);
                        _perMinute.Record(now);
                        return;
                    }
                }

                await Task.Delay(wait, time, cancellationToken);
            }
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }

    private sealed class Permit(QboRealmLimiter owner, SemaphoreSlim realmInFlight) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref owner._inFlight);
                realmInFlight.Release();
            }
        }
    }
}
