using System.Collections.Concurrent;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// The CDC sweep (REFERENCE §2.6, §8: "use CDC to catch missed events"): for each connected company, the booked entity
/// types changed since its last sweep, each checked as a notice. The first sweep after a start looks back
/// <see cref="DriftOptions.FirstLookback"/>; each later one from where the previous began, so a change made during a
/// sweep is seen by the next.
/// </summary>
internal sealed partial class DriftSweep(OAuthTokenStore connections, TokenManager tokens, QboClient qbo, DriftDetector detector, DriftCursors cursors,
    TimeProvider time, ILogger<DriftSweep> logger)
{
    /// <summary>
    /// Sweeps every connected company; returns how many documents were found drifted. A company whose changes cannot be
    /// recorded (the database refuses them) does not stop the others; its cursor stays, so the next round reads them again.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var drifted = 0;
        await SweepRound.EachAsync(await connections.ListConnectedAsync(cancellationToken), "companies",
            async company => drifted += await SweepAsync(company, cancellationToken), cancellationToken);
        return drifted;
    }

    private async Task<int> SweepAsync(ConnectedCompany company, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var since = cursors.LastSweep(company.OrganizationId) ?? startedAt - DriftOptions.FirstLookback;
        try
        {
            var token = await tokens.GetValidTokenAsync(company.OrganizationId, cancellationToken);
            // A sweep catches up in the background: it takes the smallest share of the company's budget while bookings wait.
            var credentials = new QboCredentials(token.RealmId, token.AccessToken) { Traffic = QboTraffic.Backfill };
            var changes = await qbo.ChangesAsync(credentials, DriftDetector.BookedEntities, since, cancellationToken);
            var notices = changes.Select(change => new IntuitNotice(token.RealmId, change.Entity, (string?)change.Row["Id"] ?? string.Empty,
                (string?)change.Row["status"] == "Deleted" ? IntuitOperations.Delete : IntuitOperations.Update) { Row = change.Row }).ToList();
            var drifted = await detector.ApplyAsync(company.OrganizationId, notices, cancellationToken);
            cursors.Swept(company.OrganizationId, startedAt);
            return drifted;
        }
        catch (Exception e) when (e is QboNotConnectedException or QboApiException or IntuitOAuthException)
        {
            // Not connected, or QBO unavailable: the next sweep starts from the same point.
            LogSweepFailed(logger, company.OrganizationId, e.Message);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change sweep of organization {OrganizationId} failed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string organizationId, string reason);
}

/// <summary>Where each organization's last sweep began, kept for the process's life (a restart looks back a day).</summary>
internal sealed class DriftCursors
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSweep = new(StringComparer.Ordinal);

    public DateTimeOffset? LastSweep(string organizationId) => _lastSweep.TryGetValue(organizationId, out var last) ? last : null;

    public void Swept(string organizationId, DateTimeOffset startedAt) => _lastSweep[organizationId] = startedAt;
}
