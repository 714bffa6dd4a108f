using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// A lost connection raises one reconnect alert per organization and company, carrying a fresh connect link; one still
/// lost a day later is reminded of (<see cref="ReconnectReminderSweep"/>) under a key of its own, so a reminder never
/// holds back the alert of a connection that breaks again after a reconnect.
/// </summary>
internal sealed class ConnectionAlerts(AlertRaiser alerts, OrganizationDirectory organizations, ReconnectLinks links) : IConnectionLostHandler
{
    /// <summary>Shorter than the daily sweep, so each day's sweep finds the last reminder's window closed.</summary>
    public static readonly TimeSpan ReminderWindow = TimeSpan.FromHours(23);

    public static string DedupeKey(string organizationId, string realmId) => $"reconnect:{organizationId}:{realmId}";

    public Task HandleAsync(ConnectionLost lost, CancellationToken cancellationToken) =>
        RaiseAsync(lost, DedupeKey(lost.OrganizationId, lost.RealmId), null, cancellationToken);

    /// <summary>Reminds the organization that <paramref name="connection"/> still needs a reconnect; null when reminded within the day.</summary>
    public Task<Alert?> RemindAsync(OAuthConnection connection, CancellationToken cancellationToken) =>
        RaiseAsync(new ConnectionLost(connection.OrganizationId, connection.RealmId, connection.SyncStatus, connection.LastError ?? "The connection was refused."),
            $"reconnect_reminder:{connection.OrganizationId}:{connection.RealmId}", connection.UpdatedAt, cancellationToken);

    /// <summary>The alert at the loss (<paramref name="lostSince"/> null), or a reminder of a connection lost since then.</summary>
    private async Task<Alert?> RaiseAsync(ConnectionLost lost, string dedupeKey, DateTime? lostSince, CancellationToken cancellationToken)
    {
        var slug = (await organizations.GetByIdAsync(lost.OrganizationId, cancellationToken))?.Slug;
        var details = new JsonObject
        {
            ["organizationSlug"] = slug,
            ["realmId"] = lost.RealmId,
            ["status"] = lost.Status,
            ["reason"] = lost.Reason,
        };
        var subject = $"The QuickBooks connection of {slug ?? lost.OrganizationId} must be reconnected";
        if (lostSince is not null)
        {
            details["reminder"] = true;
            details["lostSince"] = lostSince;
            subject = $"The QuickBooks connection of {slug ?? lost.OrganizationId} still must be reconnected (lost since {lostSince:yyyy-MM-dd HH:mm} UTC)";
        }

        return await alerts.RaiseAsync(new NewAlert(AlertKinds.ReconnectNeeded, lost.OrganizationId, dedupeKey, subject, details)
        {
            LinkFactory = ct => links.CreateAsync(lost.OrganizationId, ct),
        }, cancellationToken, lostSince is null ? null : ReminderWindow);
    }
}
