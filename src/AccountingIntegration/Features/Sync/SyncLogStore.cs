using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Sync;

/// <summary>The seed's SyncLogDataStore: one row per attempt, written at its start and completed at its end.</summary>
internal sealed class SyncLogStore(Database database, TimeProvider time)
{
    private const string Columns =
        "log_id, created_at, organization_id, payload_id, source_id, status, attempt, qbo_request_id, qbo_invoice_id, request_payload, response_payload, error_code, error_message, duration_ms";

    /// <summary>The list filter, shared with the CSV export so both select the same rows.</summary>
    internal const string FilterSql = """
        WHERE (@OrganizationId IS NULL OR organization_id = @OrganizationId)
          AND (@Status IS NULL OR status = @Status)
          AND (@From IS NULL OR created_at >= @From)
          AND (@To IS NULL OR created_at < @To)
        """;

    /// <summary>Stores the attempt; the returned row carries the (log id, created at) key that <see cref="UpdateStatusAsync"/> needs.</summary>
    public async Task<SyncLog> CreateLogAsync(NewSyncLog entry, CancellationToken cancellationToken)
    {
        const string sql = $"""
            INSERT INTO sync_logs ({Columns})
            VALUES (@LogId, @CreatedAt, @OrganizationId, @PayloadId, @SourceId, @Status, @Attempt, @QboRequestId, @QboInvoiceId,
                    @RequestPayload, @ResponsePayload, @ErrorCode, @ErrorMessage, @DurationMs)
            """;
        var log = new SyncLog
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
        await database.ExecuteAsync(sql, log, cancellationToken);
        return log;
    }

    /// <summary>
    /// Completes an attempt. <paramref name="createdAt"/> is part of the key and lets MySQL go
    /// straight to the row's partition. Null invoice id or response keep what is stored.
    /// </summary>
    public async Task<bool> UpdateStatusAsync(
        string logId, DateTime createdAt, string status, string? qboInvoiceId, string? responsePayload, string? errorCode, string? errorMessage,
        int durationMs, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE sync_logs
            SET status = @Status, qbo_invoice_id = COALESCE(@QboInvoiceId, qbo_invoice_id), response_payload = COALESCE(@ResponsePayload, response_payload),
                error_code = @ErrorCode, error_message = @ErrorMessage, duration_ms = @DurationMs
            WHERE log_id = @LogId AND created_at = @CreatedAt
            """;
        var parameters = new
        {
            Status = status,
            QboInvoiceId = qboInvoiceId,
            ResponsePayload = responsePayload,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            DurationMs = durationMs,
            LogId = logId,
            CreatedAt = createdAt,
        };
        return await database.ExecuteAsync(sql, parameters, cancellationToken) == 1;
    }

    /// <summary>The seed's get_by_payload_id: every attempt for the organization's payload, in order.</summary>
    public Task<IReadOnlyList<SyncLog>> GetByPayloadIdAsync(string organizationId, string payloadId, CancellationToken cancellationToken) =>
        database.QueryListAsync<SyncLog>(
            $"SELECT {Columns} FROM sync_logs WHERE organization_id = @OrganizationId AND payload_id = @PayloadId ORDER BY attempt, created_at, log_id",
            new { OrganizationId = organizationId, PayloadId = payloadId }, cancellationToken);

    /// <summary>Attempts matching the filter, newest first.</summary>
    public async Task<Page<SyncLog>> ListAsync(SyncLogFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new { filter.OrganizationId, filter.Status, filter.From, filter.To, page.Limit, page.Offset };
        var rows = await database.QueryListAsync<SyncLog>(
            $"SELECT {Columns} FROM sync_logs {FilterSql} ORDER BY created_at DESC, log_id DESC {database.Dialect.Paging}", parameters, cancellationToken);
        var total = await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM sync_logs {FilterSql}", parameters, cancellationToken);
        return new Page<SyncLog>(rows, total, page);
    }
}
