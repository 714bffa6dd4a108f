using AccountingIntegration.Infrastructure.Csv;

namespace AccountingIntegration.Features.Usage;

/// <summary>The API usage log as CSV.</summary>
internal static class UsageExport
{
    public const string Kind = "usage";

    public static readonly ExportTable Table = new(
        "api_usage_logs", "log_id, timestamp, organization_id, api_key_id, endpoint, method, status_code, duration_ms", "timestamp", "log_id",
        ApiUsageStore.FilterSql);

    public static readonly IReadOnlyList<CsvColumn<ApiUsageEntry>> Columns =
    [
        new("logId", u => u.LogId),
        new("timestamp", u => CsvCells.Time(u.Timestamp)),
        new("organizationId", u => u.OrganizationId),
        new("apiKeyId", u => u.ApiKeyId),
        new("endpoint", u => u.Endpoint),
        new("method", u => u.Method),
        new("statusCode", u => CsvCells.Number(u.StatusCode)),
        new("durationMs", u => CsvCells.Number(u.DurationMs)),
    ];

    public static ExportQuery<ApiUsageEntry> Query(ExportReader reader, UsageFilter f) =>
        reader.Query<ApiUsageEntry>(Table, new { f.OrganizationId, f.ApiKeyId, f.From, f.To }, u => (u.Timestamp, u.LogId));
}
