using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// Stored batches are kept while a payload might still come back to settle one (its retries end within days); after
/// <see cref="BatchOptions.Retention"/> the retention worker deletes them.
/// </summary>
internal sealed class StoredBatchPurge(BatchStore store, BatchOptions options, TimeProvider time) : IRetentionTask
{
    public string Name => "qbo-batches";

    public Task RunAsync(CancellationToken cancellationToken) =>
        store.DeleteOlderThanAsync(time.GetUtcNow().UtcDateTime - options.Retention, cancellationToken);
}
