using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;

namespace AccountingIntegration.Features.Admin;

/// <summary>Records an operator's action with who did it and from where.</summary>
internal static class AdminAudit
{
    public static Task RecordAsync(AuditTrail audit, HttpContext http, string? organizationId, string category, string action,
        string? targetType, string? targetId, JsonObject? details, CancellationToken cancellationToken) =>
        audit.RecordAsync(organizationId, "admin", http.User.FindFirst("sub")?.Value, category, action, targetType, targetId, details,
            http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
}
