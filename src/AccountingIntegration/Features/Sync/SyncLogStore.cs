using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Sync;

/// <summary>The seed's SyncLogDataStore: one row per processing attempt, written with the attempt's outcome.</summary>
internal sealed class SyncLogStore(Database database, TimeProvider time)
{
    private const string Columns =
        "log_id, created_at, organization_id, payload_id, source_id, status, attempt, qbo_request_id, qbo_invoice_id, request_payload, response_payload, error_code, error_message, duration_ms";

    /// <summary>The list filter, shared with the CSV export so both select the same rows.</summary>
    /// <summary>
    /// The WHERE clause of a filtered list or export, made of the filters given (empty without any): an "(@X IS NULL OR …)"
    /// term hides its column from the planner, which then reads every attempt's row to filter and count.
    /// </summary>
    /// <param name="filter">The filters; their parameters are @OrganizationId, @Status, @From and @To.</param>
    internal static string Where(SyncLogFilter filter)
    {
        var conditions = new List<string>();
        if (filter.OrganizationId is not null)
        {
            conditions.Add("organization_id = @OrganizationId");
        }

        if (filter.Status is not null)
        {
            conditions.Add("status = @Status");
        }

        if (filter.From is not null)
        {
            conditions.Add("created_at >= @From");
        }

        if (filter.To is not null)
        {
            conditions.Add("created_at < @To");
        }

        return conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
    }

    private const string InsertSql = $"""
        INSERT INTO sync_logs ({Columns})
        VALUES (@LogId, @CreatedAt, @OrganizationId, @PayloadId, @SourceId, @Status, @Attempt, @QboRequestId, @QboInvoiceId,
                @RequestPayload, @ResponsePayload, @ErrorCode, @ErrorMessage, @DurationMs)
        """;

    /// <summary>
    /// Stores one attempt inside the caller's transaction, so the attempt and the payload outcome it
    /// records are written together or not at all.
    /// </summary>
    public async Task<SyncLog> InsertAsync(NewSyncLog entry, DatabaseTransaction transaction, CancellationToken cancellationToken)
    {
        var log = Complete(entry);
        await transaction.Connection.ExecuteAsync(new CommandDefinition(InsertSql, log, transaction.Transaction, cancellationToken: cancellationToken));
        return log;
    }

    /// <summary>Every attempt at the organization's payload, in order (the seed's get_by_payload_id).</summary>
    public Task<IReadOnlyList<SyncLog>> ListByPayloadAsync(string organizationId, string payloadId, CancellationToken cancellationToken) =>
        database.QueryListAsync<SyncLog>(
            $"SELECT {Columns} FROM sync_logs WHERE organization_id = @OrganizationId AND payload_id = @PayloadId ORDER BY attempt, created_at, log_id",
            new { OrganizationId = organizationId, PayloadId = payloadId }, cancellationToken);

    /// <summary>Attempts matching the filter, newest first.</summary>
    public async Task<Page<SyncLog>> ListAsync(SyncLogFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new { filter.OrganizationId, filter.Status, filter.From, filter.To };
        var where = Where(filter);
        return await CappedPage.ReadAsync<SyncLog>(database,
            $"SELECT {Columns} FROM sync_logs {where} ORDER BY created_at DESC, log_id DESC {database.Dialect.Paging}", $"sync_logs {where}", parameters, page, cancellationToken);
    }

    private SyncLog Complete(NewSyncLog entry) => new()
    {
        LogId = Ids.New(time),
        CreatedAt = time.GetUtcNow().UtcDateTime,
        OrganizationId = entry.OrganizationId,
        PayloadId = entry.PayloadId,
        SourceId = entry.SourceId,
        Status = entry.Status,
        Attempt = entry.Attempt,
        QboRequestId = entry.QboRequestId,
        QboInvoiceId = entry.QboInvoiceId,
        RequestPayload = entry.RequestPayload,
        ResponsePayload = entry.ResponsePayload,
        ErrorCode = entry.ErrorCode,
        ErrorMessage = entry.ErrorMessage,
        DurationMs = entry.DurationMs,
    };
}
