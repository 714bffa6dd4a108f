using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Outcome writes join a transaction the caller owns; these commit one write on its own, for tests
/// of a single store.
/// </summary>
internal static class StoreTransactions
{
    public static async Task<SyncLog> InsertAsync(this SyncLogStore store, Database database, NewSyncLog entry)
    {
        await using var transaction = await database.BeginTransactionAsync(default);
        var log = await store.InsertAsync(entry, transaction, default);
        await transaction.CommitAsync(default);
        return log;
    }

    public static async Task<bool> MarkOutcomeAsync(this WebhookStore store, Database database, string payloadId, string status, string? lastError, DateTime? nextAttemptAt)
    {
        await using var transaction = await database.BeginTransactionAsync(default);
        var changed = await store.MarkOutcomeAsync(transaction, payloadId, status, lastError, nextAttemptAt, default);
        await transaction.CommitAsync(default);
        return changed;
    }

    public static async Task<bool> MarkProcessedAsync(this WebhookStore store, Database database, string payloadId, string invoiceId)
    {
        await using var transaction = await database.BeginTransactionAsync(default);
        var changed = await store.MarkProcessedAsync(transaction, payloadId, invoiceId, default);
        await transaction.CommitAsync(default);
        return changed;
    }
}
