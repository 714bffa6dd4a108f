using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Counts;

/// <summary>
/// Payload counts from the counters plus the few payloads they do not hold yet: each query reads the counters of the
/// whole hours it needs, and the received_at index for the part of a first hour the window cuts and for everything after
/// the counted-through mark (at most a few minutes of arrivals once the maintenance round keeps up). One statement each,
/// so the mark it reads and the counters it sums are the same moment's.
/// </summary>
internal sealed class PayloadCountReader(Database database)
{
    /// <summary>Statuses of payloads still in the work queue (not <see cref="PayloadStatus.IsTerminal"/>).</summary>
    public static readonly string[] LiveStatuses =
        [PayloadStatus.Queued, PayloadStatus.Retrying, PayloadStatus.Processing, PayloadStatus.WaitingConnection, PayloadStatus.WaitingDependency];

    private const string Mark = "(SELECT counted_through FROM payload_count_mark WHERE mark_id = 1)";

    /// <summary>
    /// Rows (organization_id, status, n) that sum to the payloads received since @From: counters of whole hours from
    /// @FromHour (the first hour start at or after @From) up to the mark, and payload index entries for the rest. Each
    /// part is grouped on its own, so the outer sum adds a few rows, not one per payload after the mark. "+column"
    /// keeps SQLite from reading a whole organization or status index to group in its order instead of the received_at
    /// range, and each range has one bound on each side (the later of the window's start and the mark, say), so the
    /// planner starts the index there rather than at the window's start and filters a million entries on the other bound.
    /// </summary>
    public const string WindowRows = $"""
        SELECT organization_id, status, SUM(payloads) AS n FROM payload_counts
        WHERE received_hour >= @FromHour AND received_hour < {Mark}
        GROUP BY organization_id, status
        UNION ALL
        SELECT +organization_id AS organization_id, +status AS status, COUNT(*) AS n FROM webhook_payloads
        WHERE {FirstHourCut}
        GROUP BY +organization_id, +status
        UNION ALL
        SELECT +organization_id AS organization_id, +status AS status, COUNT(*) AS n FROM webhook_payloads
        WHERE {AfterMark}
        GROUP BY +organization_id, +status
        """;

    /// <summary>
    /// Payloads received since @From by their current status: <see cref="WindowRows"/> grouped by status alone, which
    /// halves the work per uncounted payload (a burst within the grace, or before the first round).
    /// </summary>
    public const string ByStatusSinceSql = $"""
        SELECT status AS Status, CAST(SUM(n) AS INTEGER) AS Count
        FROM (SELECT status, SUM(payloads) AS n FROM payload_counts
              WHERE received_hour >= @FromHour AND received_hour < {Mark}
              GROUP BY status
              UNION ALL
              SELECT +status AS status, COUNT(*) AS n FROM webhook_payloads WHERE {FirstHourCut} GROUP BY +status
              UNION ALL
              SELECT +status AS status, COUNT(*) AS n FROM webhook_payloads WHERE {AfterMark} GROUP BY +status) windowed
        GROUP BY status HAVING SUM(n) <> 0
        """;

    /// <summary>The part of the window's first hour before @FromHour that the counters do not hold.</summary>
    private const string FirstHourCut = """
        received_at >= @From
          AND received_at < (SELECT CASE WHEN counted_through < @FromHour THEN counted_through ELSE @FromHour END FROM payload_count_mark WHERE mark_id = 1)
        """;

    /// <summary>The window's payloads after the mark.</summary>
    private const string AfterMark =
        "received_at >= (SELECT CASE WHEN counted_through > @From THEN counted_through ELSE @From END FROM payload_count_mark WHERE mark_id = 1)";

    /// <summary>Payloads in the work queue by status: counters of live statuses in any hour, and live payloads after the mark.</summary>
    public const string LiveByStatusSql = $"""
        SELECT status AS Status, CAST(SUM(n) AS INTEGER) AS Count
        FROM (SELECT status, SUM(payloads) AS n FROM payload_counts WHERE status IN @Live GROUP BY status
              UNION ALL
              SELECT status, COUNT(*) AS n FROM webhook_payloads WHERE received_at >= {Mark} AND status IN @Live GROUP BY status) live
        GROUP BY status HAVING SUM(n) <> 0
        """;

    /// <summary>Parameters of <see cref="WindowRows"/>.</summary>
    /// <param name="from">The window's start.</param>
    public static object Window(DateTime from)
    {
        var hour = new DateTime(from.Year, from.Month, from.Day, from.Hour, 0, 0, DateTimeKind.Utc);
        return new { From = from, FromHour = hour == from ? hour : hour.AddHours(1) };
    }

    public async Task<IReadOnlyDictionary<string, long>> ByStatusSinceAsync(DateTime from, CancellationToken cancellationToken) =>
        ToDictionary(await database.QueryListAsync<(string Status, long Count)>(ByStatusSinceSql, Window(from), cancellationToken));

    public async Task<IReadOnlyDictionary<string, long>> LiveByStatusAsync(CancellationToken cancellationToken) =>
        ToDictionary(await database.QueryListAsync<(string Status, long Count)>(LiveByStatusSql, new { Live = LiveStatuses }, cancellationToken));

    private static Dictionary<string, long> ToDictionary(IReadOnlyList<(string Status, long Count)> rows) =>
        rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
}
