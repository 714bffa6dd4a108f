namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>A caller waiting for a permit to send one request to a company.</summary>
internal sealed class RealmWaiter(QboTraffic traffic, bool isBatch)
{
    private readonly TaskCompletionSource<DateTimeOffset> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QboTraffic Traffic { get; } = traffic;

    public bool IsBatch { get; } = isBatch;

    /// <summary>
    /// Completes when the request may start, with the moment its permit lapses (the request must start by then); cancelled
    /// when the caller gave up first.
    /// </summary>
    public Task<DateTimeOffset> Started => _started.Task;

    /// <summary>False when the caller gave up meanwhile: the permit goes back.</summary>
    /// <param name="lapsesAt">When the permit handed over lapses.</param>
    public bool TryStart(DateTimeOffset lapsesAt) => _started.TrySetResult(lapsesAt);

    public void Cancel(CancellationToken cancellationToken) => _started.TrySetCanceled(cancellationToken);

    public bool IsWaiting => !_started.Task.IsCompleted;
}
