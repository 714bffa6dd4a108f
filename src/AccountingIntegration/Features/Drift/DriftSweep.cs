using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// The CDC sweep (REFERENCE §2.6, §8: "use CDC to catch missed events"): for each connected company due, the booked entity
/// types changed since its last sweep, each checked as a notice. A company's first sweep looks back
/// <see cref="DriftOptions.FirstLookback"/>; each later one from where the previous began (less <see cref="ClockMargin"/>,
/// as that start is the service's clock and QBO stamps changes by its own), so a change made during a sweep is seen by
/// the next. A sweep that fell behind goes on from the time QBO gave its last change read, without a margin. Where that
/// is, and when the company is next due, is shared by the instances
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
    /// How far before the previous sweep's start the next one reads. That start is this service's clock, and QBO stamps a
    /// change with its own: with the service's clock ahead, a change QBO stamped just before the start (made as the
    /// previous sweep read) would fall outside both reads. Changes read twice are recorded once, so the overlap costs
    /// only the look-ups of what it reads again.
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(2);

    /// <summary>Reads of all the entities one sweep of a company may make while it comes back full; the next look goes on.</summary>
    private const int MaxReadsPerSweep = 5;

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

        var since = Later(claim.ChangedSince is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)) : startedAt - DriftOptions.FirstLookback,
            startedAt - MaxLookback);
        try
        {
            var token = await tokens.GetValidTokenAsync(company.OrganizationId, cancellationToken);
            // A sweep catches up in the background: it takes the smallest share of the company's budget while bookings wait.
            var credentials = new QboCredentials(token.RealmId, token.AccessToken) { Traffic = QboTraffic.Backfill };
            var drifted = 0;
            for (var read = 1; read <= MaxReadsPerSweep; read++)
            {
                var (notices, resumeFrom) = await ReadChangesAsync(credentials, since, cancellationToken);
                var applied = await detector.ApplyAsync(company.OrganizationId, notices, cancellationToken);
                drifted += applied.Drifted;
                if (applied.Postponed.Count > 0)
                {
                    // A change left while an attempt books against its document: the next sweep reads from the same point.
                    await cursors.PostponeAsync(company.OrganizationId, (startedAt + options.SweepInterval).UtcDateTime, cancellationToken);
                    return drifted;
                }

                if (resumeFrom is null)
                {
                    // The next sweep reads from this one's start by the service's clock, less the margin for QBO's.
                    await cursors.SweptAsync(company.OrganizationId, (startedAt - ClockMargin).UtcDateTime, (startedAt + options.SweepInterval).UtcDateTime,
                        cancellationToken);
                    return drifted;
                }

                since = resumeFrom.Value;
            }

            // Still behind (a company changing faster than the reads can follow): due again at the next look, from there.
            LogBehind(logger, company.OrganizationId, since);
            await cursors.SweptAsync(company.OrganizationId, since.UtcDateTime, startedAt.UtcDateTime, cancellationToken);
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

    /// <summary>
    /// The company's changes since <paramref name="since"/>, and where the next read must start: null when all were read.
    /// QBO answers a CDC read with at most <see cref="DriftOptions.MaxObjectsPerRead"/> objects in all, without saying which it left
    /// out (REFERENCE §2.6). A read of every entity that comes back full is therefore made again entity by entity; an
    /// entity that still comes back full was read up to its latest change (QBO answers oldest first, as the sandbox
    /// does), and the next read starts from the earliest such point. Changes read twice are recorded once.
    /// </summary>
    private async Task<(List<IntuitNotice> Notices, DateTimeOffset? ResumeFrom)> ReadChangesAsync(QboCredentials credentials, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        var all = await qbo.ChangesAsync(credentials, DriftDetector.BookedEntities, since, cancellationToken);
        if (all.Count < options.MaxObjectsPerRead)
        {
            return (Notices(credentials.RealmId, all), null);
        }

        var notices = new List<IntuitNotice>();
        DateTimeOffset? resumeFrom = null;
        foreach (var entity in DriftDetector.BookedEntities)
        {
            var changes = await qbo.ChangesAsync(credentials, [entity], since, cancellationToken);
            notices.AddRange(Notices(credentials.RealmId, changes));
            if (changes.Count >= options.MaxObjectsPerRead)
            {
                // Always forward, if only by a second: a thousand changes of one entity in one second cannot be told apart.
                var latest = Later(LatestChange(changes) ?? since, since + TimeSpan.FromSeconds(1));
                resumeFrom = resumeFrom is { } earlier && earlier < latest ? earlier : latest;
            }
        }

        return (notices, resumeFrom);
    }

    private static List<IntuitNotice> Notices(string realmId, IEnumerable<(string Entity, JsonObject Row)> changes) =>
        [.. changes.Select(change => new IntuitNotice(realmId, change.Entity, (string?)change.Row["Id"] ?? string.Empty,
            (string?)change.Row["status"] == "Deleted" ? IntuitOperations.Delete : IntuitOperations.Update) { Row = change.Row })];

    /// <summary>The latest <c>MetaData.LastUpdatedTime</c> among the changes, which every entity QBO returns carries.</summary>
    private static DateTimeOffset? LatestChange(IEnumerable<(string Entity, JsonObject Row)> changes) =>
        changes.Select(change => DateTimeOffset.TryParse((string?)change.Row["MetaData"]?["LastUpdatedTime"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var at) ? at : (DateTimeOffset?)null)
            .Max();

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The change sweep of organization {OrganizationId} read as much as one sweep may and is behind; it goes on from {ChangedSince:o} at the next look")]
    private static partial void LogBehind(ILogger logger, string organizationId, DateTimeOffset changedSince);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change sweep of organization {OrganizationId} failed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string organizationId, string reason);
}
