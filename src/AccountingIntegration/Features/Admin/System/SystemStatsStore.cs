using System.Globalization;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Admin.System;

/// <summary>
/// Aggregates for the dashboard, in SQL that SQLite and MariaDB both run (COUNT over CASE rather
/// than SUM, whose type differs; a percentile by ORDER BY … OFFSET rather than window functions).
/// Payload figures come from the payload counters (<see cref="PayloadCountReader"/>), never from the archive; the QBO
/// figures are bounded by the window's start, so they read recent partitions of the sync log only.
/// Stateless over the shared <see cref="Database"/>, so the endpoint creates it.
/// </summary>
internal sealed class SystemStatsStore(Database database)
{
    public const int MaxErrorCodes = 50;

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

    /// <summary>Latency of attempts that reached QBO (they carry a request id): mean and nearest-rank 95th percentile.</summary>
    public async Task<QboStats> QboAsync(DateTime from, CancellationToken cancellationToken)
    {
        const string where = "WHERE created_at >= @From AND qbo_request_id IS NOT NULL";
        const string errorsSql = """
            SELECT error_code AS ErrorCode, COUNT(*) AS Count FROM sync_logs
            WHERE created_at >= @From AND error_code IS NOT NULL
            GROUP BY error_code ORDER BY COUNT(*) DESC, error_code LIMIT @Max
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var calls = await connection.ExecuteScalarAsync<long>(Command($"SELECT COUNT(*) FROM sync_logs {where}", new { From = from }, cancellationToken));
        double? average = null;
        int? p95 = null;
        if (calls > 0)
        {
            // AVG is DECIMAL on MariaDB and REAL on SQLite, so it is read as whatever came and converted.
            var mean = await connection.ExecuteScalarAsync<object>(Command($"SELECT AVG(duration_ms) FROM sync_logs {where}", new { From = from }, cancellationToken));
            average = Math.Round(Convert.ToDouble(mean, CultureInfo.InvariantCulture), 1);
            var rank = (long)Math.Ceiling(0.95 * calls) - 1;
            p95 = await connection.ExecuteScalarAsync<int>(Command(
                $"SELECT duration_ms FROM sync_logs {where} ORDER BY duration_ms LIMIT 1 OFFSET @Rank", new { From = from, Rank = rank }, cancellationToken));
        }

        var errors = await connection.QueryAsync<(string ErrorCode, long Count)>(Command(errorsSql, new { From = from, Max = MaxErrorCodes }, cancellationToken));
        return new QboStats(calls, average, p95, [.. errors.Select(e => new ErrorCount(e.ErrorCode, e.Count))]);
    }

    private static CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);
}
