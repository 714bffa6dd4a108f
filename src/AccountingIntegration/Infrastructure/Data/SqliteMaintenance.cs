using Dapper;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// What a SQLite file needs as it grows and that SQLite does not do by itself: fresh planner statistics and a
/// write-ahead log that is emptied now and then. Both run on the maintenance schedule (<see cref="SqliteMaintenanceWorker"/>).
/// </summary>
internal sealed class SqliteMaintenance(Database database)
{
    /// <summary>How long a full checkpoint waits for readers and writers before it settles for a passive one.</summary>
    public static readonly TimeSpan CheckpointWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Analyzes every table whose statistics are missing or out of date, reading a bounded sample of each index.
    /// Without statistics SQLite's planner sees "organization_id = ?" and "payload_id = ?" as equally selective and
    /// may walk an organization's whole backlog to find one payload.
    /// </summary>
    /// <remarks>
    /// ANALYZE holds the write lock while it reads, so every webhook waits for it. Reading whole indexes of a few
    /// hundred thousand rows held ingest for 0.4–0.7 s once a minute while the tables grew; the sample keeps it to
    /// milliseconds at any size. It is the bit SQLite's default mask sets and recommends for this use
    /// (https://sqlite.org/pragma.html#pragma_optimize, bit 0x10; https://sqlite.org/lang_analyze.html).
    /// </remarks>
    /// <param name="cancellationToken">Cancels the command.</param>
    public async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        // 0x10012: run ANALYZE where needed (0x02) under a temporary analysis limit (0x10), and check every table, not only
        // those this connection used (0x10000). Leaving out 0x10 makes each ANALYZE read every row of every index.
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA optimize = 0x10012", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Copies the write-ahead log into the database and truncates it. Automatic checkpoints are passive: under a steady
    /// stream of readers and writers they never reach the end of the log, which then grows without bound. The copy is
    /// done by a passive checkpoint first, which never blocks anyone: a truncating checkpoint blocks every writer while
    /// it runs, and copying a log of gigabytes (after a burst of a million payloads) stalled the workers past their busy
    /// time-out. Only when the passive one copied the whole log does the truncating one follow, with nothing left to copy;
    /// it waits at most <see cref="CheckpointWait"/> for readers, and when it cannot finish the next round tries again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The checkpoint's result: whether it was blocked, and the log's frames and those copied.</returns>
    public async Task<CheckpointResult> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var copied = await connection.QuerySingleAsync<CheckpointResult>(new CommandDefinition(
            "PRAGMA wal_checkpoint(PASSIVE)", cancellationToken: cancellationToken));
        if (copied.Busy != 0 || copied.Checkpointed < copied.Log)
        {
            // Readers still need frames of the log: truncating now would block the writers while it waits for them.
            return copied with { Busy = 1 };
        }

        var wait = (int)CheckpointWait.TotalMilliseconds;
        await connection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout = {wait}", cancellationToken: cancellationToken));
        try
        {
            return await connection.QuerySingleAsync<CheckpointResult>(new CommandDefinition(
                "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
        }
        finally
        {
            // The physical connection goes back to the pool; everyone else expects the usual wait.
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout = {Database.BusyTimeoutMilliseconds}", cancellationToken: CancellationToken.None));
        }
    }
}

/// <summary>The row <c>PRAGMA wal_checkpoint</c> answers: busy is 1 when the checkpoint could not finish.</summary>
internal sealed record CheckpointResult(long Busy, long Log, long Checkpointed);
