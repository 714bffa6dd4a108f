using System.Collections.Concurrent;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>The result of one processing attempt, as the seed's process_webhook reported it.</summary>
internal sealed record PayloadOutcome(string PayloadId, string Status, bool Processed, string? InvoiceId, string? LogId, string? Reason);

/// <summary>
/// Lets a request that asked to wait (<c>?wait=N</c>) learn the outcome of its payload as soon as
/// a worker in this process settles it; requests fall back to reading the database.
/// </summary>
internal sealed class PayloadOutcomes
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PayloadOutcome>> _waiters = new(StringComparer.Ordinal);

    public Task<PayloadOutcome> WaitAsync(string payloadId) =>
        _waiters.GetOrAdd(payloadId, _ => new TaskCompletionSource<PayloadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string payloadId) => _waiters.TryRemove(payloadId, out _);

    public void Publish(PayloadOutcome outcome)
    {
        if (_waiters.TryRemove(outcome.PayloadId, out var waiter))
        {
            waiter.TrySetResult(outcome);
        }
    }
}
