using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// Stored batches, and the look-up starts of uncertain creates, are kept while a payload might still come back to
/// settle one (its retries end within days); after <see cref="BatchOptions.Retention"/> the retention worker deletes them.
/// </summary>
internal sealed class StoredBatchPurge(BatchStore store, UncertainCreates uncertain, BatchOptions options, TimeProvider time) : IRetentionTask
{
    public string Name => "qbo-batches";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - options.Retention;
        await store.DeleteOlderThanAsync(before, cancellationToken);
        await uncertain.DeleteOlderThanAsync(before, cancellationToken);
    }
}
