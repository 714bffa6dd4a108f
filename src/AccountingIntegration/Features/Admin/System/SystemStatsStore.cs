using System.Globalization;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Admin.System;

/// <summary>
/// Aggregates for the dashboard, in SQL that SQLite and MariaDB both run (COUNT over CASE rather
/// than SUM, whose type differs; a percentile by ORDER BY … OFFSET rather than window functions).
/// Every query is bounded by the window's start, so it reads recent partitions only.
/// Stateless over the shared <see cref="Database"/>, so the endpoint creates it.
/// </summary>
internal sealed class SystemStatsStore(Database database)
{
    public const int MaxErrorCodes = 50;

    /// <summary>Payloads received since @From by status; it reads the received_at index alone (M0010), not the payload rows.</summary>
    public const string PayloadsByStatusSql =
        "SELECT status AS Status, COUNT(*) AS Count FROM webhook_payloads WHERE received_at >= @From GROUP BY status";

    public async Task<IReadOnlyDictionary<string, long>> PayloadsByStatusAsync(DateTime from, CancellationToken cancellationToken) =>
        ToDictionary(await database.QueryListAsync<(string Status, long Count)>(PayloadsByStatusSql, new { From = from }, cancellationToken));

    public async Task<IReadOnlyDictionary<string, long>> QueueByStatusAsync(CancellationToken cancellationToken) =>
        ToDictionary(await database.QueryListAsync<(string Status, long Count)>(
            "SELECT status AS Status, COUNT(*) AS Count FROM webhook_queue GROUP BY status", null, cancellationToken));

    /// <summary>
    /// Outcomes since @From by organization; like <see cref="PayloadsByStatusSql"/> it reads the received_at index alone.
    /// The counts come first and are joined to their organizations after, so no planner starts from the organizations
    /// and reads each one's whole archive in an organization index.
    /// </summary>
    public const string SuccessByOrganizationSql = """
        SELECT c.organization_id AS OrganizationId, o.slug AS Slug, o.name AS Name, c.succeeded AS Succeeded, c.failed AS Failed, c.dead AS Dead
        FROM (SELECT organization_id,
                     COUNT(CASE WHEN status = @Succeeded THEN 1 END) AS succeeded,
                     COUNT(CASE WHEN status = @Failed THEN 1 END) AS failed,
                     COUNT(CASE WHEN status = @Dead THEN 1 END) AS dead
              FROM webhook_payloads
              WHERE received_at >= @From
              GROUP BY organization_id) c
        JOIN organizations o ON o.organization_id = c.organization_id
        ORDER BY o.slug
        """;

    public async Task<IReadOnlyList<OrganizationSuccess>> SuccessByOrganizationAsync(DateTime from, CancellationToken cancellationToken)
    {
        var rows = await database.QueryListAsync<(string OrganizationId, string Slug, string Name, long Succeeded, long Failed, long Dead)>(
            SuccessByOrganizationSql, new { From = from, PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead }, cancellationToken);
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

    private static Dictionary<string, long> ToDictionary(IReadOnlyList<(string Status, long Count)> rows) =>
        rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
}
