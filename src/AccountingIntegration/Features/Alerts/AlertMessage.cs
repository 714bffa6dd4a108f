using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Alerts;

/// <summary>The JSON body every destination receives (docs/alerts.md, "Payload").</summary>
internal static class AlertMessage
{
    public static string Body(Alert alert, string? reconnectUrl) => new JsonObject
    {
        ["id"] = alert.AlertId,
        ["kind"] = alert.Kind,
        ["organizationId"] = alert.OrganizationId,
        ["subject"] = alert.Subject,
        ["occurrences"] = alert.Occurrences,
        ["createdAt"] = alert.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["lastSeenAt"] = alert.LastSeenAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["details"] = JsonNode.Parse(alert.Details),
        ["reconnectUrl"] = reconnectUrl,
    }.ToJsonString(Compact);

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
}
