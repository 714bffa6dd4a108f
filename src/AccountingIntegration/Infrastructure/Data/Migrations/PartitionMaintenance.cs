using System.Globalization;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Retention for the four high-volume tables. On MySQL: splits partitions for coming periods off
/// the catch-all partition and drops partitions wholly older than the retention. On SQLite:
/// deletes expired rows in small batches so the single writer is never held for long. The dedupe
/// keys, which are not partitioned, are deleted in small batches on both.
/// </summary>
internal sealed partial class PartitionMaintenance(Database database, RetentionOptions retention, TimeProvider time, ILogger<PartitionMaintenance> logger)
{
    /// <summary>Rows one delete statement removes, each in its own transaction.</summary>
    internal int DeleteBatch { get; init; } = 2000;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var plan in PartitionPlan.All)
        {
            var cutoff = now.AddDays(-plan.RetentionDays(retention));
            if (database.Provider == DatabaseProvider.MySql)
            {
                await AddComingPartitionsAsync(plan, now, cancellationToken);
                await DropExpiredPartitionsAsync(plan, cutoff, cancellationToken);
            }
            else
            {
                await DeleteExpiredRowsAsync(plan.Table, plan.Column, cutoff, cancellationToken);
            }
        }

        // Dedupe keys live as long as the payloads they point at.
        await DeleteExpiredRowsAsync("webhook_event_keys", "received_at", now.AddDays(-retention.PayloadDays), cancellationToken);
    }

    /// <summary>Existing partitions of a table with their upper bounds (null for the catch-all).</summary>
    public async Task<IReadOnlyList<(string Name, DateTime? LessThan)>> ListPartitionsAsync(string table, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT PARTITION_NAME AS Name, PARTITION_DESCRIPTION AS Description
            FROM information_schema.PARTITIONS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @Table AND PARTITION_NAME IS NOT NULL
            ORDER BY PARTITION_ORDINAL_POSITION
            """;
        var rows = await database.QueryListAsync<(string Name, string Description)>(sql, new { Table = table }, cancellationToken);
        return rows.Select(r => (r.Name, ParseBound(r.Description))).ToList();
    }

    private async Task AddComingPartitionsAsync(PartitionPlan plan, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await ListPartitionsAsync(plan.Table, cancellationToken);
        var highest = existing.Where(p => p.LessThan is not null).Select(p => p.LessThan!.Value).DefaultIfEmpty(DateTime.MinValue).Max();
        var definitions = new List<string>();
        var start = plan.PeriodStart(now);
        for (var i = 0; i <= plan.PeriodsAhead; i++, start = plan.NextPeriod(start))
        {
            var end = plan.NextPeriod(start);
            if (end > highest)
            {
                definitions.Add($"PARTITION {plan.PartitionName(start)} VALUES LESS THAN ('{end:yyyy-MM-dd HH:mm:ss}')");
            }
        }

        if (definitions.Count == 0)
        {
            return;
        }

        // Names and bounds come from our own plan and clock, never from input.
        var sql = $"ALTER TABLE {plan.Table} REORGANIZE PARTITION {PartitionPlan.CatchAll} INTO (" +
                  string.Join(", ", definitions) + $", PARTITION {PartitionPlan.CatchAll} VALUES LESS THAN (MAXVALUE))";
        await database.ExecuteAsync(sql, null, cancellationToken);
        LogPartitionsAdded(logger, plan.Table, definitions.Count);
    }

    private async Task DropExpiredPartitionsAsync(PartitionPlan plan, DateTime cutoff, CancellationToken cancellationToken)
    {
        var expired = (await ListPartitionsAsync(plan.Table, cancellationToken))
            .Where(p => p.LessThan is not null && p.LessThan.Value <= cutoff)
            .Select(p => p.Name)
            .ToList();
        if (expired.Count == 0)
        {
            return;
        }

        await database.ExecuteAsync($"ALTER TABLE {plan.Table} DROP PARTITION {string.Join(", ", expired)}", null, cancellationToken);
        LogPartitionsDropped(logger, plan.Table, expired.Count);
    }

    /// <summary>
    /// Deletes rows older than <paramref name="cutoff"/> a batch at a time until none is left (oldest first on MariaDB,
    /// which reads them along the column's index). One statement over a day's rows would hold SQLite's single writer,
    /// and so every ingest commit, until it ended; on MariaDB it would keep every row it deleted locked, and its undo,
    /// in one transaction.
    /// </summary>
    private async Task DeleteExpiredRowsAsync(string table, string column, DateTime cutoff, CancellationToken cancellationToken)
    {
        // Names come from our own plan, never from input.
        var sql = database.Provider == DatabaseProvider.MySql
            ? $"DELETE FROM {table} WHERE {column} < @Cutoff ORDER BY {column} LIMIT {DeleteBatch}"
            : $"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE {column} < @Cutoff LIMIT {DeleteBatch})";
        int deleted;
        var total = 0;
        do
        {
            deleted = await database.ExecuteAsync(sql, new { Cutoff = cutoff }, cancellationToken);
            total += deleted;
        }
        while (deleted == DeleteBatch);

        if (total > 0)
        {
            LogRowsDeleted(logger, table, total);
        }
    }

    private static DateTime? ParseBound(string description) =>
        description.Equals("MAXVALUE", StringComparison.OrdinalIgnoreCase)
            ? null
            : DateTime.Parse(description.Trim('\''), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} partitions to {Table}")]
    private static partial void LogPartitionsAdded(ILogger logger, string table, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Count} expired partitions of {Table}")]
    private static partial void LogPartitionsDropped(ILogger logger, string table, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired rows of {Table}")]
    private static partial void LogRowsDeleted(ILogger logger, string table, int count);
}
