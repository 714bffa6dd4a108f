using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// Payloads that failed because their sale was not booked in time (DEPENDENCY_MISSING), kept by the names their sale
/// would be linked under (M0023), so that the sale, booked later, takes them up again
/// (<see cref="Processing.ReviveFailedForSale"/>).
/// </summary>
internal sealed partial class WebhookStore
{
    /// <summary>Keeps, in the transaction of its failed outcome, the names the payload's sale would be linked under.</summary>
    public async Task KeepFailedForSaleAsync(DatabaseTransaction transaction, string organizationId, string payloadId, IReadOnlyCollection<string> saleKeys,
        CancellationToken cancellationToken)
    {
        var sql = $"{database.Dialect.InsertIgnore} INTO failed_for_sale (organization_id, sale_key, payload_id, failed_at) VALUES (@OrganizationId, @SaleKey, @PayloadId, @FailedAt)";
        var failedAt = time.GetUtcNow().UtcDateTime;
        var rows = saleKeys.Distinct(StringComparer.Ordinal)
            .Select(key => new { OrganizationId = organizationId, SaleKey = key, PayloadId = payloadId, FailedAt = failedAt })
            .ToList();
        await transaction.Connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The organization's payloads that failed for want of a sale, with the names that sale would be linked under (one index range).</summary>
    public Task<IReadOnlyList<FailedForSale>> ListFailedForSaleAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<FailedForSale>(
            "SELECT payload_id AS PayloadId, sale_key AS SaleKey FROM failed_for_sale WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>The payloads that failed for want of a sale linked under any of <paramref name="saleKeys"/>.</summary>
    public Task<IReadOnlyList<string>> ListFailedForSaleAsync(string organizationId, IReadOnlyCollection<string> saleKeys, CancellationToken cancellationToken) =>
        database.QueryListAsync<string>(
            "SELECT DISTINCT payload_id FROM failed_for_sale WHERE organization_id = @OrganizationId AND sale_key IN @SaleKeys",
            new { OrganizationId = organizationId, SaleKeys = saleKeys }, cancellationToken);

    /// <summary>
    /// Takes a payload that failed for want of its sale up again, as a replay does (queued, due now, a fresh series of
    /// attempts), and forgets what it waited for. Only a payload still failed moves: one replayed since, or purged, is
    /// left as it is. True when it moved.
    /// </summary>
    public async Task<bool> ReviveFailedForSaleAsync(string payloadId, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginOutcomeAsync(cancellationToken);
        var status = await transaction.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId {database.Dialect.ForUpdate}", new { PayloadId = payloadId },
            transaction.Transaction, cancellationToken: cancellationToken));
        var revived = status == PayloadStatus.Failed && await RequeueWithFreshAttemptsAsync(transaction, payloadId, cancellationToken);
        await ForgetFailedForSaleAsync(transaction, payloadId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revived;
    }

    /// <summary>Rows kept longer than the payloads themselves are kept: the payload is gone, and nothing can revive it.</summary>
    public Task<int> DeleteFailedForSaleOlderThanAsync(DateTime before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM failed_for_sale WHERE failed_at < @Before", new { Before = before }, cancellationToken);

    /// <summary>A payload taken up again (revived or replayed) no longer waits to be revived: it parks or fails again if it must.</summary>
    private static Task ForgetFailedForSaleAsync(DatabaseTransaction transaction, string payloadId, CancellationToken cancellationToken) =>
        transaction.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM failed_for_sale WHERE payload_id = @PayloadId", new { PayloadId = payloadId }, transaction.Transaction, cancellationToken: cancellationToken));
}

/// <summary>A payload that failed for want of its sale, and one name that sale would be linked under.</summary>
internal sealed record FailedForSale(string PayloadId, string SaleKey);
