using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Counts;

/// <summary>
/// Counts newly received payloads into payload_counts and moves the counted-through mark on, keeps the counters in step
/// with retention, and drops counters that fell to zero. Run by <see cref="PayloadCountWorker"/> every minute.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock.</param>
/// <param name="stepPayloads">At most how many payloads one step counts (<see cref="StepPayloads"/>; smaller in tests).</param>
internal sealed class PayloadCountRollup(Database database, TimeProvider time, int stepPayloads = PayloadCountRollup.StepPayloads)
{
    /// <summary>
    /// At most this many payloads are counted per transaction. A step holds the write lock on SQLite (and the mark's row
    /// lock on MariaDB) while it reads, so an hour of a million-payload backlog in one step stalled every worker for
    /// seconds; this many index entries take tens of milliseconds.
    /// </summary>
    public const int StepPayloads = 20_000;

    /// <summary>
    /// How far behind the clock the mark stays: a payload is stamped received before its batch commits, so a stretch is
    /// counted only once every payload stamped in it has committed. Stats read the payloads after the mark directly.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    private const string Key = "organization_id, received_hour, status";

    /// <summary>Counts everything received up to <see cref="Grace"/> ago that is not counted yet, an hour per transaction.</summary>
    /// <param name="cancellationToken">Cancels between and within the steps; a finished step stays.</param>
    /// <returns>How many hours it counted into.</returns>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var steps = 0;
        while ((await StepAsync(cancellationToken)).More)
        {
            steps++;
        }

        return steps;
    }

    /// <summary>
    /// One step of <see cref="CatchUpAsync"/>: at most <see cref="StepPayloads"/> payloads of the next stretch after the
    /// mark, within its hour and before the grace line. The worker pauses between steps so writers get the lock.
    /// </summary>
    /// <param name="cancellationToken">Cancels the statements; a finished step stays.</param>
    /// <returns>Whether more is left to count, and whether the step stopped at <see cref="StepPayloads"/> (a backlog).</returns>
    public Task<CountStep> StepAsync(CancellationToken cancellationToken) => CountNextAsync(cancellationToken);

    /// <summary>Deletes the counters of live statuses that fell to zero, so the live-queue sums read only live hours.</summary>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public Task PruneAsync(CancellationToken cancellationToken) => database.ExecuteAsync(
        "DELETE FROM payload_counts WHERE status IN @Live AND payloads = 0", new { Live = PayloadCountReader.LiveStatuses }, cancellationToken);

    /// <summary>
    /// After retention deleted payloads: drops the counters of hours before the oldest payload left and counts that
    /// oldest hour again, so the counters hold exactly what the archive holds (SQLite deletes to the second, MariaDB by month).
    /// </summary>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task ForgetDeletedAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
        var countedThrough = await LockMarkAsync(connection, inTransaction, cancellationToken);
        var oldest = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT MIN(received_at) FROM webhook_payloads", null, inTransaction, cancellationToken: cancellationToken));
        var keepFrom = oldest is { } o ? HourStart(o) : HourStart(countedThrough).AddHours(1);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM payload_counts WHERE received_hour < @KeepFrom", new { KeepFrom = keepFrom }, inTransaction, cancellationToken: cancellationToken));
        if (oldest is not null && keepFrom < countedThrough)
        {
            var end = Min(keepFrom.AddHours(1), countedThrough);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM payload_counts WHERE received_hour = @KeepFrom", new { KeepFrom = keepFrom }, inTransaction, cancellationToken: cancellationToken));
            await CountAsync(connection, inTransaction, keepFrom, end, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Payloads written with a received time in the counted past (an import): their hours are counted again from
    /// <paramref name="from"/>'s hour on, by the next rounds. Runs in the writer's transaction, after its rows.
    /// </summary>
    /// <param name="transaction">The writer's transaction.</param>
    /// <param name="dialect">The database's SQL dialect.</param>
    /// <param name="from">The earliest received time written.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public static async Task RecountFromAsync(DatabaseTransaction transaction, SqlDialect dialect, DateTime from, CancellationToken cancellationToken)
    {
        var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
        var countedThrough = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            $"SELECT counted_through FROM payload_count_mark WHERE mark_id = 1 {dialect.ForUpdate}", null, inTransaction, cancellationToken: cancellationToken));
        var hour = HourStart(from);
        if (hour >= countedThrough)
        {
            return;
        }

        var parameters = new { Hour = hour };
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM payload_counts WHERE received_hour >= @Hour", parameters, inTransaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payload_count_mark SET counted_through = @Hour WHERE mark_id = 1", parameters, inTransaction, cancellationToken: cancellationToken));
    }

    /// <summary>One step: the next stretch after the mark that holds payloads, to the end of its hour or to the grace line.</summary>
    private async Task<CountStep> CountNextAsync(CancellationToken cancellationToken)
    {
        var target = time.GetUtcNow().UtcDateTime - Grace;
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
        var countedThrough = await LockMarkAsync(connection, inTransaction, cancellationToken);
        if (countedThrough >= target)
        {
            return new CountStep(More: false, Bounded: false);
        }

        // Hours without payloads are skipped by the received_at index, so a first round over an old archive starts at its oldest payload.
        var next = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT MIN(received_at) FROM webhook_payloads WHERE received_at >= @CountedThrough", new { CountedThrough = countedThrough },
            inTransaction, cancellationToken: cancellationToken));
        var more = next is { } n && n < target;
        var end = target;
        var bounded = false;
        if (more)
        {
            var start = Max(countedThrough, HourStart(next!.Value));
            var stretchEnd = Min(target, HourStart(start).AddHours(1));
            end = await BoundedEndAsync(connection, inTransaction, start, stretchEnd, cancellationToken);
            bounded = end < stretchEnd;
            await CountAsync(connection, inTransaction, start, end, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payload_count_mark SET counted_through = @End WHERE mark_id = 1", new { End = end }, inTransaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CountStep(more, bounded);
    }

    /// <summary>
    /// The end of a stretch from <paramref name="start"/> that holds at most <c>stepPayloads</c> payloads: the received
    /// time of the first payload past them (read from the received_at index alone), or <paramref name="end"/> when the
    /// stretch holds fewer. When more than that many share the start's received time, they are counted together, alone.
    /// </summary>
    private async Task<DateTime> BoundedEndAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, DateTime start, DateTime end,
        CancellationToken cancellationToken)
    {
        var range = new { Start = start, End = end };
        var boundary = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            $"SELECT received_at FROM webhook_payloads WHERE received_at >= @Start AND received_at < @End ORDER BY received_at LIMIT 1 OFFSET {stepPayloads}",
            range, transaction, cancellationToken: cancellationToken));
        if (boundary is { } b && b <= start)
        {
            boundary = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                "SELECT MIN(received_at) FROM webhook_payloads WHERE received_at > @Start AND received_at < @End", range, transaction,
                cancellationToken: cancellationToken));
        }

        return boundary is { } next ? DateTime.SpecifyKind(next, DateTimeKind.Utc) : end;
    }

    private async Task<DateTime> LockMarkAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            $"SELECT counted_through FROM payload_count_mark WHERE mark_id = 1 {database.Dialect.ForUpdate}", null, transaction, cancellationToken: cancellationToken));

    /// <summary>Adds the payloads received in [<paramref name="start"/>, <paramref name="end"/>) to the counters; it reads the received_at index alone.</summary>
    private Task CountAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var hour = database.Dialect.HourOf("received_at");
        var sql = $"""
            INSERT INTO payload_counts ({Key}, payloads)
            SELECT organization_id, {hour}, status, COUNT(*) FROM webhook_payloads
            WHERE received_at >= @Start AND received_at < @End
            GROUP BY organization_id, {hour}, status
            {database.Dialect.AddOnDuplicate(Key, "payloads")}
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, new { Start = start, End = end }, transaction, cancellationToken: cancellationToken));
    }

    private static DateTime HourStart(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

/// <summary>What one counting step left: more to count, and whether it stopped at the step's payload limit.</summary>
internal readonly record struct CountStep(bool More, bool Bounded);
