using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Audit;

/// <summary>
/// Where features record what happened (connections, keys, replays, logins). Details are
/// redacted here, once, whoever calls.
/// </summary>
internal sealed class AuditTrail(AuditLogStore store)
{
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        store.LogEventAsync(entry with { Details = AuditRedaction.Redact(entry.Details) }, cancellationToken);

    public Task RecordAsync(string? organizationId, string actorType, string? actorId, string category, string action,
        string? targetType, string? targetId, JsonObject? details, string? ip, CancellationToken cancellationToken) =>
        RecordAsync(new AuditEntry
        {
            OrganizationId = organizationId,
            ActorType = actorType,
            ActorId = actorId,
            Category = category,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details ?? [],
            Ip = ip,
        }, cancellationToken);
}
