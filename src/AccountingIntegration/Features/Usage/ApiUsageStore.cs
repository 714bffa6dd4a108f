using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Usage;

/// <summary>API usage: written in batches by the usage recorder, read by reports.</summary>
internal sealed class ApiUsageStore(Database database, TimeProvider time)
{
    private const string Columns = "log_id, timestamp, organization_id, api_key_id, endpoint, method, status_code, duration_ms";

    /// <summary>The list filter, shared with the CSV export so both select the same rows.</summary>
    internal const string FilterSql = """
        WHERE (@OrganizationId IS NULL OR organization_id = @OrganizationId)
          AND (@ApiKeyId IS NULL OR api_key_id = @ApiKeyId)
          AND (@From IS NULL OR timestamp >= @From)
          AND (@To IS NULL OR timestamp < @To)
        """;

    /// <summary>Stores a batch in one transaction (one commit instead of one per request).</summary>
    public async Task<IReadOnlyList<ApiUsageEntry>> InsertBatchAsync(IReadOnlyList<ApiUsageEntry> entries, CancellationToken cancellationToken)
    {
        const string sql = $"""
            INSERT INTO api_usage_logs ({Columns})
            VALUES (@LogId, @Timestamp, @OrganizationId, @ApiKeyId, @Endpoint, @Method, @StatusCode, @DurationMs)
            """;
        var stored = entries.Select(e => e with
        {
            LogId = e.LogId.Length > 0 ? e.LogId : Ids.New(time),
            Timestamp = e.Timestamp == default ? time.GetUtcNow().UtcDateTime : e.Timestamp,
        }).ToList();
        await database.ExecuteBatchAsync(sql, stored, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Adds entries to a group commit's inserts (<see cref="PendingInserts"/>): how an endpoint that group-commits its
    /// own rows (the webhook ingest) stores their usage rows in the same transaction. An empty log id or a default
    /// timestamp is filled in.
    /// </summary>
    public void AddTo(PendingInserts inserts, IReadOnlyList<ApiUsageEntry> entries)
    {
        var rows = new List<object?[]>(entries.Count);
        foreach (var e in entries)
        {
            rows.Add([e.LogId.Length > 0 ? e.LogId : Ids.New(time), e.Timestamp == default ? time.GetUtcNow().UtcDateTime : e.Timestamp,
                e.OrganizationId, e.ApiKeyId, e.Endpoint, e.Method, e.StatusCode, e.DurationMs]);
        }

        inserts.Add($"INSERT INTO api_usage_logs ({Columns})", rows);
    }

    /// <summary>Requests matching the filter, newest first.</summary>
    public async Task<Page<ApiUsageEntry>> ListAsync(UsageFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new { filter.OrganizationId, filter.ApiKeyId, filter.From, filter.To };
        return await CappedPage.ReadAsync<ApiUsageEntry>(database,
            $"SELECT {Columns} FROM api_usage_logs {FilterSql} ORDER BY timestamp DESC, log_id DESC {database.Dialect.Paging}", $"api_usage_logs {FilterSql}", parameters, page,
            cancellationToken);
    }
}
