namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>A caller waiting for a permit to send one request to a company.</summary>
internal sealed class RealmWaiter(QboTraffic traffic, bool isBatch)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QboTraffic Traffic { get; } = traffic;

    public bool IsBatch { get; } = isBatch;

    /// <summary>Completes when the request may start; cancelled when the caller gave up first.</summary>
    public Task Started => _started.Task;

    /// <summary>False when the caller gave up meanwhile: the permit goes back.</summary>
    public bool TryStart() => _started.TrySetResult();

    public void Cancel(CancellationToken cancellationToken) => _started.TrySetCanceled(cancellationToken);

    public bool IsWaiting => !_started.Task.IsCompleted;
}
