using AccountingIntegration.Infrastructure.Batching;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Audit;

/// <summary>
/// Where features record what happened (connections, keys, replays, logins). Details are
/// redacted here, once, whoever calls. An entry is stored before <see cref="RecordAsync(AuditEntry, CancellationToken)"/>
/// completes, so no action is answered as done while its record could still be lost to a crash. In the service,
/// entries go through the batched writer, which stores what is recorded at the same moment in one transaction; built
/// without a writer (a unit under test), each entry is stored directly.
/// </summary>
internal sealed class AuditTrail(AuditLogStore store, TimeProvider? time = null, BatchWriter<AuditEntry>? writer = null)
{
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var redacted = entry with { Details = AuditRedaction.Redact(entry.Details) };
        if (writer is null)
        {
            return store.InsertAsync(redacted, cancellationToken);
        }

        // Id and time are fixed now: the entry says when the action happened, and a retried batch stays idempotent.
        var clock = time ?? TimeProvider.System;
        return writer.StoreAsync(redacted with
        {
            LogId = redacted.LogId.Length > 0 ? redacted.LogId : Ids.New(clock),
            Timestamp = redacted.Timestamp == default ? clock.GetUtcNow().UtcDateTime : redacted.Timestamp,
        }, cancellationToken);
    }

    public Task RecordAsync(AuditActor actor, AuditAction action, CancellationToken cancellationToken) =>
        RecordAsync(new AuditEntry
        {
            OrganizationId = action.OrganizationId,
            ActorType = actor.Type,
            ActorId = actor.Id,
            Category = action.Category,
            Action = action.Action,
            TargetType = action.TargetType,
            TargetId = action.TargetId,
            Details = action.Details ?? [],
            Ip = actor.Ip,
        }, cancellationToken);

    /// <summary>Completes once every entry recorded before the call is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => writer?.FlushAsync(cancellationToken) ?? Task.CompletedTask;
}
