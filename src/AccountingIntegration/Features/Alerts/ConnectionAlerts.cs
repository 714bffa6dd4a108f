using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Features.Alerts;

/// <summary>A lost connection raises one reconnect alert per organization and company, carrying a fresh connect link.</summary>
internal sealed class ConnectionAlerts(AlertRaiser alerts, OrganizationDirectory organizations, ReconnectLinks links) : IConnectionLostHandler
{
    public async Task HandleAsync(ConnectionLost lost, CancellationToken cancellationToken)
    {
        var slug = (await organizations.GetByIdAsync(lost.OrganizationId, cancellationToken))?.Slug;
        await alerts.RaiseAsync(new NewAlert(AlertKinds.ReconnectNeeded, lost.OrganizationId, $"reconnect:{lost.OrganizationId}:{lost.RealmId}",
            $"The QuickBooks connection of {slug ?? lost.OrganizationId} must be reconnected", new JsonObject
            {
                ["organizationSlug"] = slug,
                ["realmId"] = lost.RealmId,
                ["status"] = lost.Status,
                ["reason"] = lost.Reason,
            })
        {
            LinkFactory = ct => links.CreateAsync(lost.OrganizationId, ct),
        }, cancellationToken);
    }
}
