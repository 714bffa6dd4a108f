using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Audit;

/// <summary>Each maintenance round as one audit entry (<c>system.maintenance_run</c>), with every step's outcome and time.</summary>
internal sealed class MaintenanceAudit(AuditTrail audit) : IMaintenanceJournal
{
    public Task RecordAsync(IReadOnlyList<MaintenanceStep> steps, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditActor.System("maintenance"), new AuditAction("system", "system.maintenance_run")
        {
            Details = new JsonObject
            {
                ["succeeded"] = steps.All(s => s.Succeeded),
                ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
                {
                    ["step"] = s.Name,
                    ["outcome"] = s.Succeeded ? "succeeded" : "failed",
                    ["milliseconds"] = (long)s.Duration.TotalMilliseconds,
                    ["error"] = s.Error,
                })]),
            },
        }, cancellationToken);
}
