using AccountingIntegration.Infrastructure.Batching;

namespace AccountingIntegration.Features.Audit;

/// <summary>Stores the audit writer's batches, each in one transaction.</summary>
internal sealed class AuditSink(AuditLogStore store) : IBatchSink<AuditEntry>
{
    public string Name => "audit";

    public Task WriteAsync(IReadOnlyList<AuditEntry> batch, CancellationToken cancellationToken) => store.InsertBatchAsync(batch, cancellationToken);
}
