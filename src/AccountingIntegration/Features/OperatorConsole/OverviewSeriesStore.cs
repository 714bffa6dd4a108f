using System.Globalization;
using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>Payloads received in one minute, by their current status.</summary>
internal sealed record PayloadMinute(DateTime Minute, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>
/// Attempts of one minute: how many reached QBO and how long they took (mean and nearest-rank 95th percentile), and how
/// many ended with the payload booked.
/// </summary>
internal sealed record QboMinute(DateTime Minute, int Calls, double? AvgLatencyMs, int? P95LatencyMs, int Booked);

/// <summary>An organization's current connection (its most recently changed one that is not revoked).</summary>
internal sealed record OrganizationConnection(
    string TokenId, string OrganizationId, string RealmId, string SyncStatus, string? CompanyName, DateTime RefreshExpiresAt, string? LastError, DateTime UpdatedAt);

/// <summary>
/// The time series of the console's overview charts, read from existing tables over a bounded recent window (no
/// migration): payloads per minute from the received_at index that carries status and organization
/// (ix_webhook_payloads_received_id_status_org), and QBO attempts per minute from the window's latest
/// <see cref="SystemStatsStore.QboSample"/> sync log rows along the created_at index, as the dashboard's QBO figures read them.
/// </summary>
internal sealed class OverviewSeriesStore(Database database)
{
    /// <summary>The longest window the charts read: the minute series read one index entry per payload, so they stay short.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(3);

    /// <summary>
    /// Payloads received since <paramref name="from"/> by minute and current status. The minute is the timestamp's
    /// first 16 characters on SQLite (stored as ISO text) and DATE_FORMAT on MariaDB; "+status" keeps SQLite on the
    /// received_at range rather than a status index read in grouping order.
    /// </summary>
    /// <param name="from">The window's start; at most <see cref="MaxWindow"/> ago.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<PayloadMinute>> PayloadsPerMinuteAsync(DateTime from, CancellationToken cancellationToken)
    {
        var minute = MinuteOf("received_at");
        var sql = $"""
            SELECT {minute} AS Minute, +status AS Status, COUNT(*) AS Count FROM webhook_payloads
            WHERE received_at >= @From
            GROUP BY {minute}, +status
            """;
        if (database.Dialect.Provider == DatabaseProvider.MySql)
        {
            sql = sql.Replace("+status", "status", StringComparison.Ordinal);
        }

        var rows = await database.QueryListAsync<(string Minute, string Status, long Count)>(sql, new { From = from }, cancellationToken);
        return [.. rows.GroupBy(r => ParseMinute(r.Minute))
            .OrderBy(g => g.Key)
            .Select(g => new PayloadMinute(g.Key, g.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal)))];
    }

    /// <summary>
    /// QBO attempts since <paramref name="from"/> by minute, from the latest <see cref="SystemStatsStore.QboSample"/>
    /// sync log rows at most (read newest first along the created_at index; a busier window shows its latest minutes).
    /// An attempt reached QBO when it carries a request id; it booked when it left its payload succeeded.
    /// </summary>
    /// <param name="from">The window's start.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<QboMinute>> QboPerMinuteAsync(DateTime from, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT created_at AS CreatedAt, duration_ms AS DurationMs, status AS Status, CASE WHEN qbo_request_id IS NULL THEN 0 ELSE 1 END AS ReachedQbo
            FROM sync_logs WHERE created_at >= @From
            ORDER BY created_at DESC, log_id DESC LIMIT @Sample
            """;
        var attempts = await database.QueryListAsync<(DateTime CreatedAt, int DurationMs, string Status, int ReachedQbo)>(
            sql, new { From = from, Sample = SystemStatsStore.QboSample }, cancellationToken);
        return [.. attempts.GroupBy(a => Truncate(a.CreatedAt)).OrderBy(g => g.Key).Select(g =>
        {
            var latencies = g.Where(a => a.ReachedQbo == 1).Select(a => a.DurationMs).Order().ToList();
            return new QboMinute(
                g.Key,
                latencies.Count,
                latencies.Count == 0 ? null : Math.Round(latencies.Average(), 1),
                latencies.Count == 0 ? null : latencies[(int)Math.Ceiling(0.95 * latencies.Count) - 1],
                g.Count(a => a.Status == PayloadStatus.Succeeded));
        })];
    }

    /// <summary>
    /// Each organization's current connection, as <see cref="OAuthTokenStore.GetActiveConnectionAsync"/> picks it (the most
    /// recently changed one that is not revoked), for all organizations in one read of the small oauth_tokens table.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyDictionary<string, OrganizationConnection>> CurrentConnectionsAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT token_id AS TokenId, organization_id AS OrganizationId, realm_id AS RealmId, sync_status AS SyncStatus, company_name AS CompanyName,
                   refresh_expires_at AS RefreshExpiresAt, last_error AS LastError, updated_at AS UpdatedAt
            FROM oauth_tokens WHERE sync_status <> @Revoked
            """;
        var rows = await database.QueryListAsync<OrganizationConnection>(sql, new { Revoked = ConnectionStatus.Revoked }, cancellationToken);
        return rows.GroupBy(r => r.OrganizationId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.TokenId, StringComparer.Ordinal).First(),
                StringComparer.Ordinal);
    }

    /// <summary>The start of the minute <paramref name="t"/> falls in, in UTC.</summary>
    /// <param name="t">A UTC time.</param>
    public static DateTime Truncate(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc);

    private string MinuteOf(string column) => database.Dialect.Provider == DatabaseProvider.MySql
        ? $"DATE_FORMAT({column}, '%Y-%m-%d %H:%i')"
        : $"substr({column}, 1, 16)";

    private static DateTime ParseMinute(string minute) =>
        DateTime.ParseExact(minute.Replace('T', ' '), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
