using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Admin.System;

/// <summary>
/// Aggregates for the dashboard, in SQL that SQLite and MariaDB both run (COUNT over CASE rather
/// than SUM, whose type differs; a percentile by ORDER BY … OFFSET rather than window functions).
/// Payload figures come from the payload counters (<see cref="PayloadCountReader"/>), never from the archive; the QBO
/// figures come from the window's latest attempts (<see cref="QboSample"/>), so they read the newest sync log rows only.
/// Stateless over the shared <see cref="Database"/>, so the endpoint creates it.
/// </summary>
internal sealed class SystemStatsStore(Database database)
{
    public const int MaxErrorCodes = 50;

    /// <summary>How many of the window's latest attempts the QBO figures are taken from.</summary>
    public const int QboSample = 10_000;

    /// <summary>Payloads received since <paramref name="from"/> by their current status, from the payload counters.</summary>
    /// <param name="from">The window's start.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyDictionary<string, long>> PayloadsByStatusAsync(DateTime from, CancellationToken cancellationToken) =>
        new PayloadCountReader(database).ByStatusSinceAsync(from, cancellationToken);

    /// <summary>Live work by status, from the payload counters (<see cref="PayloadCountReader.LiveByStatusSql"/>).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyDictionary<string, long>> QueueByStatusAsync(CancellationToken cancellationToken) =>
        new PayloadCountReader(database).LiveByStatusAsync(cancellationToken);

    /// <summary>
    /// Outcomes since @From by organization, from the payload counters (<see cref="PayloadCountReader.WindowRows"/>).
    /// The counts come first and are joined to their organizations after, so no planner starts from the organizations.
    /// </summary>
    public const string SuccessByOrganizationSql = $"""
        SELECT c.organization_id AS OrganizationId, o.slug AS Slug, o.name AS Name, c.succeeded AS Succeeded, c.failed AS Failed, c.dead AS Dead
        FROM (SELECT organization_id,
                     CAST(SUM(CASE WHEN status = @Succeeded THEN n ELSE 0 END) AS INTEGER) AS succeeded,
                     CAST(SUM(CASE WHEN status = @Failed THEN n ELSE 0 END) AS INTEGER) AS failed,
                     CAST(SUM(CASE WHEN status = @Dead THEN n ELSE 0 END) AS INTEGER) AS dead
              FROM ({PayloadCountReader.WindowRows}) windowed
              GROUP BY organization_id
              HAVING SUM(n) <> 0) c
        JOIN organizations o ON o.organization_id = c.organization_id
        ORDER BY o.slug
        """;

    public async Task<IReadOnlyList<OrganizationSuccess>> SuccessByOrganizationAsync(DateTime from, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(PayloadCountReader.Window(from));
        parameters.AddDynamicParams(new { PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead });
        var rows = await database.QueryListAsync<(string OrganizationId, string Slug, string Name, long Succeeded, long Failed, long Dead)>(
            SuccessByOrganizationSql, parameters, cancellationToken);
        return [.. rows.Select(r =>
        {
            var finished = r.Succeeded + r.Failed + r.Dead;
            return new OrganizationSuccess(r.OrganizationId, r.Slug, r.Name, r.Succeeded, r.Failed, r.Dead, finished == 0 ? null : (double)r.Succeeded / finished);
        })];
    }

    /// <summary>
    /// The QBO figures of the window's latest <see cref="QboSample"/> attempts at most: calls that reached QBO (they carry
    /// a request id), their mean and nearest-rank 95th percentile latency, and the fault codes met. A busy service writes
    /// millions of attempts a day; counting and sorting all of them took seconds, while the newest 10,000 say how QBO
    /// answers now. Read newest first along the created_at index, so the cost does not grow with the window.
    /// </summary>
    public async Task<QboStats> QboAsync(DateTime from, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT duration_ms AS DurationMs, error_code AS ErrorCode, CASE WHEN qbo_request_id IS NULL THEN 0 ELSE 1 END AS ReachedQbo
            FROM sync_logs WHERE created_at >= @From
            ORDER BY created_at DESC, log_id DESC LIMIT @Sample
            """;
        var attempts = await database.QueryListAsync<(int DurationMs, string? ErrorCode, int ReachedQbo)>(sql, new { From = from, Sample = QboSample }, cancellationToken);
        var latencies = attempts.Where(a => a.ReachedQbo == 1).Select(a => a.DurationMs).Order().ToList();
        double? average = latencies.Count == 0 ? null : Math.Round(latencies.Average(), 1);
        int? p95 = latencies.Count == 0 ? null : latencies[(int)Math.Ceiling(0.95 * latencies.Count) - 1];
        var errors = attempts.Where(a => a.ErrorCode is not null).GroupBy(a => a.ErrorCode!, StringComparer.Ordinal)
            .Select(g => new ErrorCount(g.Key, g.LongCount()))
            .OrderByDescending(e => e.Count).ThenBy(e => e.ErrorCode, StringComparer.Ordinal).Take(MaxErrorCodes);
        return new QboStats(latencies.Count, average, p95, [.. errors], Sampled: attempts.Count >= QboSample);
    }
}
