using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>How long the high-volume tables keep rows (MySQL drops whole partitions; SQLite deletes in batches).</summary>
internal sealed class RetentionOptions
{
    public int PayloadDays { get; init; } = 400;

    public int SyncLogDays { get; init; } = 400;

    public int ApiUsageDays { get; init; } = 90;

    public int AuditDays { get; init; } = 730;

    public static RetentionOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var defaults = new RetentionOptions();
        var options = new RetentionOptions
        {
            PayloadDays = Settings.Integer(configuration, "RETENTION_PAYLOAD_DAYS", defaults.PayloadDays, problems),
            SyncLogDays = Settings.Integer(configuration, "RETENTION_SYNC_LOG_DAYS", defaults.SyncLogDays, problems),
            ApiUsageDays = Settings.Integer(configuration, "RETENTION_API_USAGE_DAYS", defaults.ApiUsageDays, problems),
            AuditDays = Settings.Integer(configuration, "RETENTION_AUDIT_DAYS", defaults.AuditDays, problems),
        };
        foreach (var (name, days) in new[]
                 {
                     ("RETENTION_PAYLOAD_DAYS", options.PayloadDays), ("RETENTION_SYNC_LOG_DAYS", options.SyncLogDays),
                     ("RETENTION_API_USAGE_DAYS", options.ApiUsageDays), ("RETENTION_AUDIT_DAYS", options.AuditDays),
                 })
        {
            if (days < 1)
            {
                problems.Add($"{name}: must be at least 1 day (got {days}).");
            }
        }

        return options;
    }
}
