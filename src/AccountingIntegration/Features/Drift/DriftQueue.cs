using System.Threading.Channels;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Notices acknowledged to Intuit and not yet applied: Intuit wants an answer within 3 s and recommends processing
/// from a queue (REFERENCE §8). Held in memory; a notice lost in a crash is found by the next CDC sweep, which is what
/// Intuit recommends the sweep for.
/// </summary>
internal sealed class DriftQueue
{
    private readonly Channel<IReadOnlyList<IntuitNotice>> _channel = Channel.CreateUnbounded<IReadOnlyList<IntuitNotice>>(new UnboundedChannelOptions { SingleReader = true });

    private int _pending;

    /// <summary>Notifications received and not yet applied (for health checks and tests).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(IReadOnlyList<IntuitNotice> notices)
    {
        Interlocked.Increment(ref _pending);
        _channel.Writer.TryWrite(notices);
    }

    public IAsyncEnumerable<IReadOnlyList<IntuitNotice>> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Called once a notification taken from the queue has been applied (or has failed).</summary>
    public void Done() => Interlocked.Decrement(ref _pending);
}
