using AccountingIntegration.Infrastructure.Batching;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Audit;

internal static class AuditExtensions
{
    /// <summary>
    /// The audit log: its store, the trail every feature records through, and the batched writer.
    /// Registered before the workers so that, stopping in reverse order, the writer drains after
    /// them and still takes what they record while they finish.
    /// </summary>
    public static void AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLogStore>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddBatchWriter<AuditEntry, AuditSink>();
        builder.Services.AddSingleton<IMaintenanceJournal, MaintenanceAudit>();
    }
}
