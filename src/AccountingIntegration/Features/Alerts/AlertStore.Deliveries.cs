using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Alerts;

internal sealed partial class AlertStore
{
    /// <summary>Pending deliveries whose time has come, oldest first; each must still be claimed.</summary>
    public Task<IReadOnlyList<AlertDelivery>> ListDueAsync(int limit, CancellationToken cancellationToken) =>
        database.QueryListAsync<AlertDelivery>(
            $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE state = @Pending AND next_attempt_at <= @Now ORDER BY next_attempt_at, delivery_id {database.Dialect.Paging}",
            new { AlertStates.Pending, Now = time.GetUtcNow().UtcDateTime, Limit = limit, Offset = 0 }, cancellationToken);

    /// <summary>
    /// Takes a due delivery for one attempt: its next attempt moves past the lease, so another instance skips it, and a
    /// crash mid-send leaves it due again once the lease is over. True for exactly one claimer.
    /// </summary>
    public async Task<bool> TryClaimAsync(string deliveryId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await database.ExecuteAsync(
            """
            UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = @LeaseEnd
            WHERE delivery_id = @DeliveryId AND state = @Pending AND next_attempt_at <= @Now
            """,
            new { DeliveryId = deliveryId, AlertStates.Pending, Now = now, LeaseEnd = now + lease }, cancellationToken) == 1;
    }

    public Task MarkSentAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE alert_deliveries SET state = @Sent, sent_at = @Now, last_error = NULL WHERE delivery_id = @DeliveryId",
            new { DeliveryId = deliveryId, AlertStates.Sent, Now = time.GetUtcNow().UtcDateTime }, cancellationToken);

    /// <summary>The attempt failed: due again at <paramref name="nextAttemptAt"/>, or failed for good when that is null.</summary>
    public Task MarkAttemptFailedAsync(string deliveryId, string error, DateTime? nextAttemptAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            """
            UPDATE alert_deliveries SET state = @State, last_error = @Error, next_attempt_at = COALESCE(@NextAttemptAt, next_attempt_at)
            WHERE delivery_id = @DeliveryId
            """,
            new
            {
                DeliveryId = deliveryId,
                State = nextAttemptAt is null ? AlertStates.Failed : AlertStates.Pending,
                Error = error.Length > 500 ? error[..500] : error,
                NextAttemptAt = nextAttemptAt,
            }, cancellationToken);
}
