using System.Runtime.CompilerServices;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Admin.Export;

/// <summary>
/// Reads for exports, newest first, in pages by keyset (after the last row's time and id) rather
/// than by offset: each page is one indexed range read, rows written meanwhile neither repeat nor
/// shift the pages, and no connection is held while the client downloads. Stateless over the shared
/// <see cref="Database"/>, so handlers create it where they need it.
/// </summary>
internal sealed class ExportStore(Database database)
{
    private static readonly ExportTable AuditTable = new(
        "audit_logs", "log_id, timestamp, organization_id, actor_type, actor_id, category, action, target_type, target_id, details, ip", "timestamp", "log_id",
        AuditLogStore.FilterSql);

    private static readonly ExportTable SyncTable = new(
        "sync_logs",
        "log_id, created_at, organization_id, payload_id, source_id, status, attempt, qbo_request_id, qbo_invoice_id, error_code, error_message, duration_ms",
        "created_at", "log_id",
        SyncLogStore.FilterSql);

    private static readonly ExportTable PayloadTable = new(
        "webhook_payloads",
        "payload_id, received_at, organization_id, source_id, api_key_id, event_key, status, attempts, next_attempt_at, lease_until, processed, invoice_id, last_error, completed_at, updated_at",
        "received_at", "payload_id",
        """
        WHERE (@OrganizationId IS NULL OR organization_id = @OrganizationId)
          AND (@Status IS NULL OR status = @Status)
          AND (@SourceId IS NULL OR source_id = @SourceId)
          AND (@From IS NULL OR received_at >= @From)
          AND (@To IS NULL OR received_at < @To)
        """);

    private static readonly ExportTable UsageTable = new(
        "api_usage_logs", "log_id, timestamp, organization_id, api_key_id, endpoint, method, status_code, duration_ms", "timestamp", "log_id",
        ApiUsageStore.FilterSql);

    public ExportQuery<AuditEntry> Audit(AuditFilter f) =>
        new(this, AuditTable, new { f.OrganizationId, f.Category, f.Action, f.ActorId, f.From, f.To }, e => (e.Timestamp, e.LogId));

    public ExportQuery<SyncLog> SyncLogs(SyncLogFilter f) =>
        new(this, SyncTable, new { f.OrganizationId, f.Status, f.From, f.To }, l => (l.CreatedAt, l.LogId));

    public ExportQuery<WebhookPayloadSummary> Payloads(string? organizationId, PayloadFilter f) =>
        new(this, PayloadTable, new { OrganizationId = organizationId, f.Status, f.SourceId, From = f.ReceivedFrom, To = f.ReceivedTo }, p => (p.ReceivedAt, p.PayloadId));

    public ExportQuery<ApiUsageEntry> Usage(UsageFilter f) =>
        new(this, UsageTable, new { f.OrganizationId, f.ApiKeyId, f.From, f.To }, u => (u.Timestamp, u.LogId));

    /// <summary>How many rows match, counting no further than <paramref name="cap"/>.</summary>
    internal Task<long> CountAsync(ExportTable table, object filter, int cap, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("Cap", cap);
        return database.QuerySingleOrDefaultAsync<long>(
            $"SELECT COUNT(*) FROM (SELECT 1 AS matched FROM {table.Name} {table.Where} LIMIT @Cap) capped", parameters, cancellationToken);
    }

    internal async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        ExportTable table, object filter, Func<T, (DateTime Time, string Id)> keyOf, int maxRows, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = $"ORDER BY {table.TimeColumn} DESC, {table.IdColumn} DESC LIMIT @Limit";
        var firstSql = $"SELECT {table.Columns} FROM {table.Name} {table.Where} {order}";
        var nextSql = $"""
            SELECT {table.Columns} FROM {table.Name} {table.Where}
              AND ({table.TimeColumn} < @AfterTime OR ({table.TimeColumn} = @AfterTime AND {table.IdColumn} < @AfterId))
            {order}
            """;
        (DateTime Time, string Id)? after = null;
        var sent = 0;
        while (sent < maxRows)
        {
            var limit = Math.Min(pageSize, maxRows - sent);
            var parameters = new DynamicParameters(filter);
            parameters.Add("Limit", limit);
            if (after is { } last)
            {
                parameters.Add("AfterTime", last.Time);
                parameters.Add("AfterId", last.Id);
            }

            var rows = await database.QueryListAsync<T>(after is null ? firstSql : nextSql, parameters, cancellationToken);
            if (rows.Count > 0)
            {
                yield return rows;
            }

            if (rows.Count < limit)
            {
                yield break;
            }

            sent += rows.Count;
            after = keyOf(rows[^1]);
        }
    }
}

/// <summary>A table an export reads: its columns, its (time, id) ordering key and its filter clause.</summary>
internal sealed record ExportTable(string Name, string Columns, string TimeColumn, string IdColumn, string Where);

/// <summary>One filtered export, ready to be counted and read page by page.</summary>
internal sealed record ExportQuery<T>(ExportStore Store, ExportTable Table, object Filter, Func<T, (DateTime Time, string Id)> KeyOf)
{
    public Task<long> CountAsync(int cap, CancellationToken cancellationToken) => Store.CountAsync(Table, Filter, cap, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<T>> PagesAsync(ExportLimits limits, CancellationToken cancellationToken) =>
        Store.PagesAsync(Table, Filter, KeyOf, limits.MaxRows, limits.PageSize, cancellationToken);
}
