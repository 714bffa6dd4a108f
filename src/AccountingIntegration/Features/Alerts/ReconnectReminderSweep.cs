using AccountingIntegration.Features.Connections;
using AccountingIntegration.Infrastructure.Hosting;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Once a day, reminds each organization whose connection in use still must be reconnected: its payloads wait for it.
/// This also raises, within a day, a reconnect alert that was never raised because the instance stopped between
/// marking the connection and raising the alert. A connection whose reconnect alert is still in its window was just
/// told and is skipped.
/// </summary>
internal sealed class ReconnectReminderSweep(OAuthTokenStore connections, AlertStore alerts, ConnectionAlerts reconnects)
{
    /// <summary>Raises what is due; returns how many connections must be reconnected. One that fails does not stop the others.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var lost = await connections.ListNeedingReconnectAsync(cancellationToken);
        await SweepRound.EachAsync(lost, "connections", async connection =>
        {
            if (!await alerts.IsWindowOpenAsync(ConnectionAlerts.DedupeKey(connection.OrganizationId, connection.RealmId), cancellationToken))
            {
                await reconnects.RemindAsync(connection, cancellationToken);
            }
        }, cancellationToken);

        return lost.Count;
    }
}
