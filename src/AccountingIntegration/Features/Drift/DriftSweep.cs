using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// The CDC sweep (REFERENCE §2.6, §8: "use CDC to catch missed events"): for each connected company due, the booked entity
/// types changed since its last sweep, each checked as a notice. A company's first sweep looks back
/// <see cref="DriftOptions.FirstLookback"/>; each later one from where the previous began, so a change made during a
/// sweep is seen by the next. Where that is, and when the company is next due, is shared by the instances
/// (<see cref="DriftCursors"/>): one of them sweeps a company each <see cref="DriftOptions.SweepInterval"/>.
/// </summary>
internal sealed partial class DriftSweep(OAuthTokenStore connections, TokenManager tokens, QboClient qbo, DriftDetector detector, DriftCursors cursors,
    DriftOptions options, TimeProvider time, ILogger<DriftSweep> logger)
{
    /// <summary>Longer than a company's sweep takes; an instance that stops mid-sweep leaves the company to another after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// QBO's CDC reads at most 30 days back and refuses a date before that (REFERENCE §2.6); an hour less leaves room for
    /// clocks apart. A company not swept for that long is read from there.
    /// </summary>
    public static readonly TimeSpan MaxLookback = TimeSpan.FromDays(30) - TimeSpan.FromHours(1);

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
        if (await cursors.TryClaimAsync(company.OrganizationId, startedAt.UtcDateTime, Lease, cancellationToken) is not { } claim)
        {
            // Not due, or another instance is sweeping it.
            return 0;
        }

        var since = Later(claim.ChangedSince is { } from ? new DateTimeOffset(from, TimeSpan.Zero) : startedAt - DriftOptions.FirstLookback, startedAt - MaxLookback);
        try
        {
            var token = await tokens.GetValidTokenAsync(company.OrganizationId, cancellationToken);
            // A sweep catches up in the background: it takes the smallest share of the company's budget while bookings wait.
            var credentials = new QboCredentials(token.RealmId, token.AccessToken) { Traffic = QboTraffic.Backfill };
            var changes = await qbo.ChangesAsync(credentials, DriftDetector.BookedEntities, since, cancellationToken);
            var notices = changes.Select(change => new IntuitNotice(token.RealmId, change.Entity, (string?)change.Row["Id"] ?? string.Empty,
                (string?)change.Row["status"] == "Deleted" ? IntuitOperations.Delete : IntuitOperations.Update) { Row = change.Row }).ToList();
            var drifted = await detector.ApplyAsync(company.OrganizationId, notices, cancellationToken);
            await cursors.SweptAsync(company.OrganizationId, startedAt.UtcDateTime, (startedAt + options.SweepInterval).UtcDateTime, cancellationToken);
            return drifted;
        }
        catch (Exception e) when (e is QboNotConnectedException or QboApiException or IntuitOAuthException)
        {
            // Not connected, or QBO unavailable: the next sweep starts from the same point.
            LogSweepFailed(logger, company.OrganizationId, e.Message);
            await cursors.PostponeAsync(company.OrganizationId, (startedAt + options.SweepInterval).UtcDateTime, cancellationToken);
            return 0;
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change sweep of organization {OrganizationId} failed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string organizationId, string reason);
}
