using AccountingIntegration.Infrastructure.Batching;

namespace AccountingIntegration.Features.Audit;

internal static class AuditExtensions
{
    /// <summary>
    /// The audit log's batched writer. Registered before the workers so that, stopping in reverse
    /// order, it drains after them and still takes what they record while they finish.
    /// </summary>
    public static void AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddBatchWriter<AuditEntry, AuditSink>();
    }
}
