using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Hosting;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Tells each organization whose refresh token stops working within <see cref="AlertOptions.RefreshExpiryNotice"/>
/// (Intuit caps a connection at five years, however often it refreshes) to reconnect, with a link. Once a week per
/// connection at most, so a daily sweep reminds without flooding.
/// </summary>
internal sealed class RefreshExpirySweep(
    OAuthTokenStore connections, OrganizationDirectory organizations, AlertRaiser alerts, ReconnectLinks links, AlertOptions options, TimeProvider time)
{
    public static readonly TimeSpan ReminderEvery = TimeSpan.FromDays(7);

    /// <summary>Raises what is due; returns how many connections are near their expiry. One that fails does not stop the others.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var expiring = await connections.ListRefreshExpiringAsync(time.GetUtcNow().UtcDateTime + options.RefreshExpiryNotice, cancellationToken);
        await SweepRound.EachAsync(expiring, "connections", async connection =>
        {
            var slug = (await organizations.GetByIdAsync(connection.OrganizationId, cancellationToken))?.Slug;
            await alerts.RaiseAsync(new NewAlert(AlertKinds.RefreshExpiring, connection.OrganizationId,
                $"{AlertKinds.RefreshExpiring}:{connection.OrganizationId}:{connection.RealmId}",
                $"The QuickBooks connection of {slug ?? connection.OrganizationId} stops working on {connection.RefreshExpiresAt:yyyy-MM-dd}: reconnect before then",
                new JsonObject
                {
                    ["organizationSlug"] = slug,
                    ["realmId"] = connection.RealmId,
                    ["refreshExpiresAt"] = connection.RefreshExpiresAt,
                })
            {
                LinkFactory = ct => links.CreateAsync(connection.OrganizationId, ct),
            }, cancellationToken, ReminderEvery);
        }, cancellationToken);

        return expiring.Count;
    }
}
