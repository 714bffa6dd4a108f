namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// An exact sliding window: the start times of one company's recent requests. A request may start when
/// fewer than the limit started within the window before it. Exact rather than segmented, because QBO
/// counts every one-second window, and a segmented window lets an eleventh request into some of them.
/// Not thread-safe: its owner locks.
/// </summary>
internal sealed class RequestLog(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _starts = new();

    /// <summary>How long a request arriving at <paramref name="now"/> must wait; zero when it may start.</summary>
    public TimeSpan WaitAt(DateTimeOffset now)
    {
        while (_starts.Count > 0 && _starts.Peek() <= now - window)
        {
            _starts.Dequeue();
        }

        return _starts.Count < limit ? TimeSpan.Zero : _starts.Peek() + window - now;
    }

    public void Record(DateTimeOffset now) => _starts.Enqueue(now);
}
