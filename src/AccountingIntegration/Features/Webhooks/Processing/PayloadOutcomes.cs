using System.Collections.Concurrent;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>The result of one processing attempt, as the seed's process_webhook reported it.</summary>
internal sealed record PayloadOutcome(string PayloadId, string Status, bool Processed, string? InvoiceId, string? LogId, string? Reason);

/// <summary>
/// Lets a request that asked to wait (<c>?wait=N</c>) learn the outcome of its payload as soon as
/// a worker in this process settles it; requests fall back to reading the database, except while a worker here is still
/// at the payload (<see cref="IsAttempting"/>): its outcome commits before the attempt is over (the wake-ups after the
/// commit, the attempt's metrics), and the announcement comes when it is. It also tells the
/// subscribers (<see cref="IPayloadSettledHandler"/>) of every outcome, and lets a kept one go once they all took it
/// (<see cref="SettledOutbox"/>): a failed or dead outcome they did not take is told again by the sweep.
/// </summary>
internal sealed partial class PayloadOutcomes(IEnumerable<IPayloadSettledHandler> subscribers, SettledOutbox outbox, ILogger<PayloadOutcomes> logger)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PayloadOutcome>> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempting = new(StringComparer.Ordinal);

    /// <summary>A worker of this process takes the payload up; <see cref="EndAttempt"/> follows its announcement.</summary>
    public void BeginAttempt(string payloadId) => _attempting.AddOrUpdate(payloadId, 1, (_, count) => count + 1);

    /// <summary>The worker is done with the payload, announced or not (a lost lease announces nothing).</summary>
    public void EndAttempt(string payloadId)
    {
        // Two workers here at one payload are rare (a lease that ran out under a slow attempt), so attempts are counted.
        while (_attempting.TryGetValue(payloadId, out var count)
            && !(count == 1 ? _attempting.TryRemove(KeyValuePair.Create(payloadId, 1)) : _attempting.TryUpdate(payloadId, count - 1, count)))
        {
        }
    }

    /// <summary>Whether a worker of this process is at the payload: its outcome, committed or not, is announced when it is done.</summary>
    public bool IsAttempting(string payloadId) => _attempting.ContainsKey(payloadId);

    public Task<PayloadOutcome> WaitAsync(string payloadId) =>
        _waiters.GetOrAdd(payloadId, _ => new TaskCompletionSource<PayloadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string payloadId) => _waiters.TryRemove(payloadId, out _);

    public async Task PublishAsync(string organizationId, PayloadOutcome outcome, CancellationToken cancellationToken)
    {
        if (_waiters.TryRemove(outcome.PayloadId, out var waiter))
        {
            waiter.TrySetResult(outcome);
        }

        var told = await TellAsync(new PayloadSettled(organizationId, outcome.PayloadId, outcome.Status, outcome.Reason), cancellationToken);
        if (!told || !SettledOutbox.Keeps(outcome.Status) || outcome.LogId is null)
        {
            // Not kept, or kept for the sweep to tell again.
            return;
        }

        try
        {
            await outbox.ReleaseAsync(outcome.LogId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The outcome is recorded and told; the sweep tells it once more, which counts one occurrence twice at worst.
            LogReleaseFailed(logger, e);
        }
    }

    /// <summary>Tells every subscriber; false when one of them failed (it is logged, and the outcome stands).</summary>
    public async Task<bool> TellAsync(PayloadSettled settled, CancellationToken cancellationToken)
    {
        var told = true;
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.HandleAsync(settled, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The outcome is recorded already; a subscriber that fails must not turn it into a failed attempt.
                LogSubscriberFailed(logger, e);
                told = false;
            }
        }

        return told;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to payload outcomes failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A told payload outcome could not be let go; the sweep tells it again")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
