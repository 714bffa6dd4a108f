using System.Collections.Concurrent;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>The result of one processing attempt, as the seed's process_webhook reported it.</summary>
internal sealed record PayloadOutcome(string PayloadId, string Status, bool Processed, string? InvoiceId, string? LogId, string? Reason);

/// <summary>
/// Lets a request that asked to wait (<c>?wait=N</c>) learn the outcome of its payload as soon as
/// a worker in this process settles it; requests fall back to reading the database. It also tells the
/// subscribers (<see cref="IPayloadSettledHandler"/>) of every outcome.
/// </summary>
internal sealed partial class PayloadOutcomes(IEnumerable<IPayloadSettledHandler> subscribers, ILogger<PayloadOutcomes> logger)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PayloadOutcome>> _waiters = new(StringComparer.Ordinal);

    public Task<PayloadOutcome> WaitAsync(string payloadId) =>
        _waiters.GetOrAdd(payloadId, _ => new TaskCompletionSource<PayloadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string payloadId) => _waiters.TryRemove(payloadId, out _);

    public async Task PublishAsync(string organizationId, PayloadOutcome outcome, CancellationToken cancellationToken)
    {
        if (_waiters.TryRemove(outcome.PayloadId, out var waiter))
        {
            waiter.TrySetResult(outcome);
        }

        var settled = new PayloadSettled(organizationId, outcome.PayloadId, outcome.Status, outcome.Reason);
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
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to payload outcomes failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
