using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

internal sealed partial class WebhookStore
{
    /// <summary>
    /// Makes every payload of the organization that waits for a QBO connection due now; called
    /// when the organization connects. Queue and archive change in one transaction.
    /// </summary>
    public Task<int> RequeueWaitingForConnectionAsync(string organizationId, CancellationToken cancellationToken) =>
        RequeueWaitingAsync(organizationId, PayloadStatus.WaitingConnection, cancellationToken);

    /// <summary>
    /// Makes every payload of the organization that waits for its sale due now; called when a sale is booked. Each
    /// checks again whether its own sale is there, and parks again until its time limit if not.
    /// </summary>
    public Task<int> RequeueWaitingForDependencyAsync(string organizationId, CancellationToken cancellationToken) =>
        RequeueWaitingAsync(organizationId, PayloadStatus.WaitingDependency, cancellationToken);

    private async Task<int> RequeueWaitingAsync(string organizationId, string waiting, CancellationToken cancellationToken)
    {
        const string queueSql = """
            UPDATE webhook_queue SET status = @Queued, next_attempt_at = @Now
            WHERE organization_id = @OrganizationId AND status = @Waiting
            """;
        const string payloadSql = """
            UPDATE webhook_payloads SET status = @Queued, next_attempt_at = @Now, updated_at = @Now
            WHERE organization_id = @OrganizationId AND status = @Waiting
            """;
        var parameters = new
        {
            Queued = PayloadStatus.Queued,
            Waiting = waiting,
            Now = time.GetUtcNow().UtcDateTime,
            OrganizationId = organizationId,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        var requeued = await connection.ExecuteAsync(new CommandDefinition(queueSql, parameters, transaction, cancellationToken: cancellationToken));
        await PayloadCountMoves.MoveAsync(connection, transaction, database.Dialect, "organization_id = @OrganizationId AND status = @Waiting", parameters,
            PayloadStatus.Queued, byPayloadId: false, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(payloadSql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return requeued;
    }
}
