using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// Payloads whose wait for their sale expired (a refund or payment failed, a cancellation skipped), kept by the names
/// their sale would be linked under (M0023), so that the sale, booked later, takes them up again
/// (<see cref="Processing.ReviveExpiredSaleWaits"/>).
/// </summary>
internal sealed partial class WebhookStore
{
    /// <summary>The outcomes a payload ends with when its wait for its sale expires; only a payload still so is revived.</summary>
    public static bool EndsAnExpiredSaleWait(string status) => status is PayloadStatus.Failed or PayloadStatus.Skipped;

    /// <summary>Keeps, in the transaction of the outcome that ended its wait, the names the payload's sale would be linked under.</summary>
    public async Task KeepExpiredSaleWaitAsync(DatabaseTransaction transaction, string organizationId, string payloadId, IReadOnlyCollection<string> saleKeys,
        CancellationToken cancellationToken)
    {
        var sql = $"{database.Dialect.InsertIgnore} INTO expired_sale_waits (organization_id, sale_key, payload_id, expired_at) VALUES (@OrganizationId, @SaleKey, @PayloadId, @ExpiredAt)";
        var expiredAt = time.GetUtcNow().UtcDateTime;
        var rows = saleKeys.Distinct(StringComparer.Ordinal)
            .Select(key => new { OrganizationId = organizationId, SaleKey = key, PayloadId = payloadId, ExpiredAt = expiredAt })
            .ToList();
        await transaction.Connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The organization's expired waits, each payload with a name its sale would be linked under (one index range).</summary>
    public Task<IReadOnlyList<ExpiredSaleWait>> ListExpiredSaleWaitsAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<ExpiredSaleWait>(
            "SELECT payload_id AS PayloadId, sale_key AS SaleKey FROM expired_sale_waits WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>The payloads whose wait for a sale linked under any of <paramref name="saleKeys"/> expired.</summary>
    public Task<IReadOnlyList<string>> ListExpiredSaleWaitsAsync(string organizationId, IReadOnlyCollection<string> saleKeys, CancellationToken cancellationToken) =>
        database.QueryListAsync<string>(
            "SELECT DISTINCT payload_id FROM expired_sale_waits WHERE organization_id = @OrganizationId AND sale_key IN @SaleKeys",
            new { OrganizationId = organizationId, SaleKeys = saleKeys }, cancellationToken);

    /// <summary>
    /// Takes a payload whose wait for its sale expired up again, as a replay does (queued, due now, a fresh series of
    /// attempts), and forgets what it waited for. Only a payload still failed or skipped moves: one replayed since, or
    /// purged, is left as it is. What <paramref name="revived"/> writes, given the status the payload had, commits with the
    /// revival (its audit entry). The status it had when it moved, or null when it did not.
    /// </summary>
    public async Task<string?> ReviveExpiredSaleWaitAsync(string payloadId, Func<DatabaseTransaction, string, Task> revived, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginOutcomeAsync(cancellationToken);
        var status = await transaction.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId {database.Dialect.ForUpdate}", new { PayloadId = payloadId },
            transaction.Transaction, cancellationToken: cancellationToken));
        var moved = status is not null && EndsAnExpiredSaleWait(status) && await RequeueWithFreshAttemptsAsync(transaction, payloadId, cancellationToken);
        await ForgetExpiredSaleWaitAsync(transaction, payloadId, cancellationToken);
        if (moved)
        {
            await revived(transaction, status!);
        }

        await transaction.CommitAsync(cancellationToken);
        return moved ? status : null;
    }

    /// <summary>Rows kept longer than the payloads themselves are kept: the payload is gone, and nothing can revive it.</summary>
    public Task<int> DeleteExpiredSaleWaitsOlderThanAsync(DateTime before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM expired_sale_waits WHERE expired_at < @Before", new { Before = before }, cancellationToken);

    /// <summary>A payload taken up again (revived or replayed) no longer waits to be revived: it parks, fails or is skipped again if it must.</summary>
    private static Task ForgetExpiredSaleWaitAsync(DatabaseTransaction transaction, string payloadId, CancellationToken cancellationToken) =>
        transaction.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM expired_sale_waits WHERE payload_id = @PayloadId", new { PayloadId = payloadId }, transaction.Transaction, cancellationToken: cancellationToken));
}

/// <summary>A payload whose wait for its sale expired, and one name that sale would be linked under.</summary>
internal sealed record ExpiredSaleWait(string PayloadId, string SaleKey);
