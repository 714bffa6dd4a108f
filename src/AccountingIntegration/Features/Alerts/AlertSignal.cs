using System.Threading.Channels;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Wakes the delivery worker when an alert is raised in this process. The deliveries table is the truth: without a
/// signal (another instance raised it, or the signal was missed) the worker still finds due deliveries when it polls.
/// </summary>
internal sealed class AlertSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="interval"/> of <paramref name="time"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var notified = _channel.Reader.WaitToReadAsync(wait.Token).AsTask();
        var elapsed = Task.Delay(interval, time, wait.Token);
        await Task.WhenAny(notified, elapsed);
        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        _channel.Reader.TryRead(out _);
    }
}
