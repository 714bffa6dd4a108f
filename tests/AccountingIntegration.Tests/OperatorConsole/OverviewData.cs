using AccountingIntegration.Features.Sync;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>Arranges payloads and QBO attempts for the overview's tests, as the pipeline leaves them in its tables.</summary>
internal static class OverviewData
{
    /// <summary>Archives <paramref name="count"/> payloads of an organization received at <paramref name="at"/> with a status (no queue entry: no worker takes them).</summary>
    public static async Task AddPayloadsAsync(Database database, string organizationId, string status, int count, DateTime at)
    {
        for (var i = 0; i < count; i++)
        {
            await database.ExecuteAsync(
                """
                INSERT INTO webhook_payloads (payload_id, received_at, organization_id, source_id, raw_payload, status, attempts, processed, completed_at, updated_at)
                VALUES (@PayloadId, @At, @OrganizationId, 'source-overview', '{}', @Status, 1, @Processed, @At, @At)
                """,
                new { PayloadId = Guid.NewGuid().ToString(), At = at.AddMilliseconds(i), OrganizationId = organizationId, Status = status, Processed = status != "queued" },
                default);
        }
    }

    /// <summary>Records one attempt per duration, reaching QBO (a request id) and booking the payload.</summary>
    public static async Task AddAttemptsAsync(Database database, TimeProvider clock, string organizationId, string status, params int[] durations)
    {
        var store = new SyncLogStore(database, clock);
        await using var transaction = await database.BeginTransactionAsync(default);
        foreach (var duration in durations)
        {
            await store.InsertAsync(new NewSyncLog
            {
                OrganizationId = organizationId,
                PayloadId = Guid.NewGuid().ToString(),
                SourceId = "source-overview",
                Status = status,
                Attempt = 1,
                QboRequestId = "req-" + Guid.NewGuid().ToString("N")[..8],
                DurationMs = duration,
            }, transaction, default);
        }

        await transaction.CommitAsync(default);
    }
}
