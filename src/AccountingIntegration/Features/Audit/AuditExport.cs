using AccountingIntegration.Infrastructure.Csv;

namespace AccountingIntegration.Features.Audit;

/// <summary>The audit log as CSV: the same filter as the list, details as JSON text.</summary>
internal static class AuditExport
{
    public const string Kind = "audit-logs";

    public static readonly ExportTable Table = new(
        "audit_logs", "log_id, timestamp, organization_id, actor_type, actor_id, category, action, target_type, target_id, details, ip", "timestamp", "log_id",
        AuditLogStore.FilterSql);

    public static readonly IReadOnlyList<CsvColumn<AuditEntry>> Columns =
    [
        new("logId", e => e.LogId),
        new("timestamp", e => CsvCells.Time(e.Timestamp)),
        new("organizationId", e => e.OrganizationId),
        new("actorType", e => e.ActorType),
        new("actorId", e => e.ActorId),
        new("category", e => e.Category),
        new("action", e => e.Action),
        new("targetType", e => e.TargetType),
        new("targetId", e => e.TargetId),
        new("details", e => e.Details.ToJsonString()),
        new("ip", e => e.Ip),
    ];

    public static ExportQuery<AuditEntry> Query(ExportReader reader, AuditFilter f) =>
        reader.Query<AuditEntry>(Table, new { f.OrganizationId, f.Category, f.Action, f.ActorId, f.From, f.To }, e => (e.Timestamp, e.LogId));
}
