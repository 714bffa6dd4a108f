namespace AccountingIntegration.Infrastructure.Data.Migrations;

internal enum PartitionPeriod
{
    Day,
    Month,
}

/// <summary>How each high-volume table is partitioned (MySQL) and which setting gives its retention.</summary>
internal sealed record PartitionPlan(string Table, string Column, PartitionPeriod Period, Func<RetentionOptions, int> RetentionDays)
{
    public const string CatchAll = "pmax";

    public static readonly IReadOnlyList<PartitionPlan> All =
    [
        new("webhook_payloads", "received_at", PartitionPeriod.Month, r => r.PayloadDays),
        new("sync_logs", "created_at", PartitionPeriod.Month, r => r.SyncLogDays),
        new("api_usage_logs", "timestamp", PartitionPeriod.Day, r => r.ApiUsageDays),
        new("audit_logs", "timestamp", PartitionPeriod.Day, r => r.AuditDays),
    ];

    public DateTime PeriodStart(DateTime instant) => Period == PartitionPeriod.Month
        ? new DateTime(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc)
        : new DateTime(instant.Year, instant.Month, instant.Day, 0, 0, 0, DateTimeKind.Utc);

    public DateTime NextPeriod(DateTime start) => Period == PartitionPeriod.Month ? start.AddMonths(1) : start.AddDays(1);

    /// <summary>How many periods beyond the current one are created ahead of time.</summary>
    public int PeriodsAhead => Period == PartitionPeriod.Month ? 3 : 14;

    public string PartitionName(DateTime periodStart) =>
        "p" + periodStart.ToString(Period == PartitionPeriod.Month ? "yyyyMM" : "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
