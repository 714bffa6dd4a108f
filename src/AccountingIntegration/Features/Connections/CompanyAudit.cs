using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;

namespace AccountingIntegration.Features.Connections;

/// <summary>The audit entries of an organization's connection to a QBO company: each targets the company and names its realm first.</summary>
internal static class CompanyAudit
{
    /// <param name="action">The action, e.g. <c>connection.connected</c>.</param>
    /// <param name="organizationId">The organization connected to the company.</param>
    /// <param name="realmId">The company.</param>
    /// <param name="details">What else the entry says, after the realm.</param>
    public static AuditAction Action(string action, string organizationId, string realmId, params (string Name, JsonNode? Value)[] details)
    {
        var json = new JsonObject { ["realmId"] = realmId };
        foreach (var (name, value) in details)
        {
            json[name] = value;
        }

        return new AuditAction("connection", action) { OrganizationId = organizationId, TargetType = "qbo_company", TargetId = realmId, Details = json };
    }
}
