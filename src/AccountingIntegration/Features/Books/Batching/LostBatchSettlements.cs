using System.Collections.Concurrent;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// The settlements of lost batches running in this instance, by batch requestid. When a batch's answer is lost twice,
/// its payloads all come back on their retries at about the same time, each to settle the same batch: they share the
/// first one's look-up instead of each reading the company's documents again (under the fault mix, about ten payloads
/// to a lost batch did). A payload that comes after the settlement finds the batch settled in the store.
/// </summary>
internal sealed class LostBatchSettlements
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<StoredBatchItem>>> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// Joins the running settlement of batch <paramref name="requestId"/>, or runs <paramref name="settle"/> as it. The
    /// joining happens before the caller's first await, so two callers that have each called this share one look-up.
    /// </summary>
    public async Task<IReadOnlyList<StoredBatchItem>> SettleAsync(string requestId, Func<Task<IReadOnlyList<StoredBatchItem>>> settle,
        CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<IReadOnlyList<StoredBatchItem>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd(requestId, mine.Task);
        if (running != mine.Task)
        {
            return await running.WaitAsync(cancellationToken);
        }

        try
        {
            var settled = await settle();
            mine.SetResult(settled);
            return settled;
        }
        catch (Exception e)
        {
            // The joined callers fail with it, as they would have on their own look-up; their payloads retry.
            mine.SetException(e);
            // Observed here, for when no caller joined.
            _ = mine.Task.Exception;
            throw;
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, Task<IReadOnlyList<StoredBatchItem>>>(requestId, mine.Task));
        }
    }
}
