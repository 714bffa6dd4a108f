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
        RecordAsync(Entry(actor, action), cancellationToken);

    /// <summary>
    /// Records the action in the transaction that does it, bypassing the batched writer: the entry and the action commit
    /// together or not at all, so a crash between them can neither lose the record of what was done nor record what was not.
    /// </summary>
    public Task RecordAsync(DatabaseTransaction transaction, AuditActor actor, AuditAction action, CancellationToken cancellationToken)
    {
        var entry = Entry(actor, action);
        return store.InsertAsync(transaction, entry with { Details = AuditRedaction.Redact(entry.Details) }, cancellationToken);
    }

    private static AuditEntry Entry(AuditActor actor, AuditAction action) =>
        new()
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
        };

    /// <summary>Completes once every entry recorded before the call is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => writer?.FlushAsync(cancellationToken) ?? Task.CompletedTask;
}
