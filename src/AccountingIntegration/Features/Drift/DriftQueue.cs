using System.Threading.Channels;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Notices acknowledged to Intuit and not yet applied: Intuit wants an answer within 3 s and recommends processing
/// from a queue (REFERENCE §8). Held in memory; a notice lost in a crash is found by the next CDC sweep, which is what
/// Intuit recommends the sweep for. A notice that could not be judged yet is taken up again a little later
/// (<see cref="Retry"/>), so that it does not wait for the sweep's interval.
/// </summary>
internal sealed class DriftQueue(TimeProvider time)
{
    private readonly Channel<QueuedNotices> _channel = Channel.CreateUnbounded<QueuedNotices>(new UnboundedChannelOptions { SingleReader = true });

    private int _pending;

    /// <summary>Notifications received and not yet applied, those waiting to be tried again among them (for health checks and tests).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(IReadOnlyList<IntuitNotice> notices)
    {
        Interlocked.Increment(ref _pending);
        _channel.Writer.TryWrite(new QueuedNotices(notices, Tries: 1));
    }

    public IAsyncEnumerable<QueuedNotices> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Queues <paramref name="notices"/>, taken from the queue as <paramref name="taken"/>, again after
    /// <paramref name="delay"/>: they stay pending meanwhile, in place of <see cref="Done"/>.
    /// </summary>
    public void Retry(QueuedNotices taken, IReadOnlyList<IntuitNotice> notices, TimeSpan delay)
    {
        var again = new QueuedNotices(notices, taken.Tries + 1);
        _ = Task.Delay(delay, time).ContinueWith(_ => _channel.Writer.TryWrite(again), TaskScheduler.Default);
    }

    /// <summary>Called once a notification taken from the queue has been applied (or has failed for good).</summary>
    public void Done() => Interlocked.Decrement(ref _pending);
}

/// <summary>Notices as the queue holds them: how many times they have been taken up so far, this one included.</summary>
internal sealed record QueuedNotices(IReadOnlyList<IntuitNotice> Notices, int Tries);
