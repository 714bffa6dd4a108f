using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using Dapper;
using MySqlConnector;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Makes accepted payloads durable before the 202, group-committed on both databases: the request that
/// finds the writer free (the leader) writes everything queued so far in one transaction — the event keys,
/// payloads, queue entries and the requests' usage rows — then the next waiting request does the same for
/// what arrived meanwhile. One commit serves many requests: on SQLite one fsync, with the INSERTs prepared
/// once on a connection the writer keeps; on MySQL one log flush and, on a connection kept while groups follow one
/// another, one round trip: the begin, the key claims, the multi-row INSERTs and the commit in one command (three more
/// when a key repeats an earlier delivery). Each request still answers only after the commit that holds its rows, and
/// a lone request pays no hand-off.
/// </summary>
internal sealed partial class PayloadWriter(
    WebhookStore store, ApiUsageStore usage, Database database, ServiceMetrics metrics, TimeProvider time, ILogger<PayloadWriter> logger)
    : IAsyncDisposable
{
    private const int MaxBatch = 256;

    // Bodies per group, in characters: keeps one multi-row INSERT well under MySQL's max_allowed_packet (16 MiB by default).
    private const long MaxBatchChars = 4 * 1024 * 1024;

    // Held by the leader while it writes, and by DisposeAsync: leaders follow one another, so it is never contended between them.
    private readonly SemaphoreSlim _leader = new(1, 1);
    private readonly Queue<Pending> _queue = new();

    // Whether a request leads now or has been handed the lead; guarded by _queue. While it is set, a new request only waits.
    private bool _leading;

    // SQLite: the leaders' own connection, kept between groups so its INSERTs stay prepared. Only the leader
    // touches it; a failure closes it, and the next group opens a fresh one.
    private PreparedCommands? _own;

    // MySQL: the leaders' connection while groups keep coming, which spares each group the pool's reset (a round trip).
    // Its commands fail fast, so a server that freezes mid-group fails the group with 503 before its senders give up.
    private readonly KeptConnection _kept = new(database, time, KeptIdleLimit);

    /// <summary>How long the MySQL writer keeps its connection unused before it gives it back to the pool.</summary>
    internal static readonly TimeSpan KeptIdleLimit = TimeSpan.FromSeconds(5);

    public async Task<PayloadAccepted> WriteAsync(IngestItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, new TaskCompletionSource<PayloadAccepted>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_queue)
        {
            _queue.Enqueue(pending);
            lead = !_leading;
            _leading = true;
        }

        // Not cancellable: once queued, a payload may be part of someone else's group. A request leads when the writer
        // is idle, or when the previous leader hands it the lead as the oldest one waiting; it is then at the head of the
        // queue, so its own payload is in the group it writes. Everyone else is woken once, with its result.
        if (lead || !await pending.Turn.Task)
        {
            await LeadAsync();
        }

        var accepted = await pending.Result.Task;
        item.Recording?.MarkRecorded();
        return accepted;
    }

    /// <summary>
    /// Writes one group, wakes its requests, and hands the lead to the oldest request still queued (or leaves the writer
    /// idle). Handing it over directly, rather than letting every waiter pass through a lock in turn, keeps the next
    /// group from waiting until each answered request of this one has been scheduled.
    /// </summary>
    private async Task LeadAsync()
    {
        Pending? next = null;
        await _leader.WaitAsync(CancellationToken.None);
        try
        {
            var batch = TakeBatch();
            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception e)
            {
                // WriteBatchAsync settles every item itself; should it ever throw, no request of the group may wait forever.
                foreach (var failed in batch)
                {
                    failed.Result.TrySetException(e);
                }
            }
            finally
            {
                foreach (var done in batch)
                {
                    done.Turn.TrySetResult(true);
                }
            }
        }
        finally
        {
            _leader.Release();
            lock (_queue)
            {
                if (!_queue.TryPeek(out next))
                {
                    _leading = false;
                }
            }

            next?.Turn.TrySetResult(false);
        }
    }

    private List<Pending> TakeBatch()
    {
        lock (_queue)
        {
            var batch = new List<Pending>(Math.Min(_queue.Count, MaxBatch));
            long chars = 0;
            while (batch.Count < MaxBatch && _queue.TryPeek(out var next) && (batch.Count == 0 || chars + next.Item.Payload.RawPayload.Length <= MaxBatchChars))
            {
                chars += next.Item.Payload.RawPayload.Length;
                batch.Add(_queue.Dequeue());
            }

            return batch;
        }
    }

    /// <summary>Commits a group and answers each of its requests: with its result, or with the error if its rows are not stored.</summary>
    internal async Task WriteBatchAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            var results = await CommitAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // The transaction rolled back, so nothing of it is stored: one bad item must not fail its neighbours, so each is tried alone.
            LogBatchFailed(logger, batch.Count, e);
            foreach (var item in batch)
            {
                await WriteOneAsync(item);
            }
        }
        catch (Exception e)
        {
            batch[0].Result.TrySetException(e);
        }
    }

    private async Task WriteOneAsync(Pending item)
    {
        try
        {
            item.Result.TrySetResult((await CommitAsync([item]))[0]);
        }
        catch (Exception e)
        {
            item.Result.TrySetException(e);
        }
    }

    /// <summary>One transaction for the group, measured: how long it took and how many payloads it carried.</summary>
    private async Task<IReadOnlyList<PayloadAccepted>> CommitAsync(IReadOnlyList<Pending> batch)
    {
        var started = time.GetTimestamp();
        try
        {
            var results = await CommitGroupAsync(batch);
            metrics.IngestCommit(batch.Count, committed: true, time.GetElapsedTime(started));
            return results;
        }
        catch
        {
            metrics.IngestCommit(batch.Count, committed: false, time.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<IReadOnlyList<PayloadAccepted>> CommitGroupAsync(IReadOnlyList<Pending> batch)
    {
        var payloads = new NewPayload[batch.Count];
        var usageRows = new List<ApiUsageEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i].Item;
            payloads[i] = item.Payload;
            if (item.Usage is { } entry)
            {
                // The request's duration up to its commit: the 202 follows at once.
                usageRows.Add(item.Recording is { } recording ? entry with { DurationMs = recording.ElapsedMilliseconds } : entry);
            }
        }

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return await CommitOnKeptAsync(payloads, usageRows);
        }

        try
        {
            _own ??= new PreparedCommands(await database.OpenAsync(CancellationToken.None));
            return await CommitOnOwnAsync(_own, payloads, usageRows);
        }
        catch
        {
            // The connection may be what failed: the next group starts on a fresh one.
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
            _own = null;
        }
    }

    /// <summary>
    /// MySQL: the group on the kept connection. When the group's command was sent and no answer came back (the
    /// connection broke, or the command timed out), the server may have committed it all the same: the group's first new
    /// payload is looked for on another connection, and when it is stored the group's answers stand as they were, instead
    /// of writing the group (or, after a failed group, each of its payloads) a second time under new ids.
    /// A group that fails on a connection kept from an earlier one and was not stored is tried once more on a new
    /// connection: the server may have closed the kept one while it waited (a restart), and then none of the group ran. A
    /// command that timed out is not tried again: the server that let it time out is still there, and its sender would
    /// wait twice as long.
    /// </summary>
    private async Task<IReadOnlyList<PayloadAccepted>> CommitOnKeptAsync(NewPayload[] payloads, List<ApiUsageEntry> usageRows)
    {
        var sent = new StrongBox<IReadOnlyList<PayloadAccepted>?>();
        while (true)
        {
            var (connection, reused) = await _kept.TakeAsync(CancellationToken.None);
            int? session = null;
            try
            {
                session = (connection as MySqlConnection)?.ServerThread;
                var results = await CommitInTextAsync(connection, payloads, usageRows, sent);
                _kept.Release();
                return results;
            }
            catch (Exception e)
            {
                await _kept.DropAsync();
                if (sent.Value is { } answers && await StoredAsync(answers, session))
                {
                    LogCommittedWithoutAnswer(logger, e);
                    return answers;
                }

                if (!reused || DatabaseUnavailable.TimedOut(e))
                {
                    throw;
                }

                LogKeptConnectionFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// Whether a group whose command got no answer was committed: its first new payload is read with a shared lock, on a
    /// connection that fails fast, so a transaction that still holds the row (the server has not finished the group) is
    /// waited for rather than read past. The group's session (<paramref name="session"/>) is ended first: the server may
    /// not have reached the group's inserts when the answer was lost, and would otherwise go on to commit them after the
    /// row was read as missing, and the group would be written twice. Killed, it runs no further statement, and the one it
    /// is in rolls back. False when the group held no new payload (its claims only repeated earlier deliveries, so
    /// writing it again stores nothing twice) or when the database cannot say.
    /// </summary>
    private async Task<bool> StoredAsync(IReadOnlyList<PayloadAccepted> answers, int? session)
    {
        if (answers.FirstOrDefault(a => !a.Duplicate) is not { } first)
        {
            return false;
        }

        try
        {
            await using var connection = await database.OpenFailingFastAsync(CancellationToken.None);
            if (session is { } thread)
            {
                await EndSessionAsync(connection, thread);
            }

            return await connection.ExecuteScalarAsync<long>(
                $"SELECT COUNT(*) FROM webhook_payloads WHERE payload_id = @PayloadId AND received_at = @ReceivedAt {database.Dialect.ForShare}",
                new { first.PayloadId, first.ReceivedAt }) > 0;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>
    /// Ends the server session of a connection whose answer was lost (a user may end its own sessions, MySQL's KILL). A
    /// session already gone is what was wanted.
    /// </summary>
    private static async Task EndSessionAsync(DbConnection connection, int thread)
    {
        try
        {
            await connection.ExecuteAsync($"KILL CONNECTION {thread.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchThread)
        {
        }
    }

    /// <summary>
    /// MySQL: the group's transaction in SQL text (<see cref="TextTransaction"/>), begun and committed in the same command
    /// as its INSERTs, so that neither costs a round trip of its own as a driver transaction's begin and commit do. The
    /// event keys are claimed in that command too, taken as won: one round trip for the group. Should a key have been
    /// claimed before, the command stops at the claims; it is rolled back, and the group is written again with the claims
    /// in a command of their own, which tells the new keys from the repeated ones.
    /// </summary>
    /// <param name="connection">The kept connection.</param>
    /// <param name="payloads">The group.</param>
    /// <param name="usageRows">The group's usage rows.</param>
    /// <param name="sent">Receives, before each command that would commit the group is sent, the answers it would give.</param>
    private async Task<IReadOnlyList<PayloadAccepted>> CommitInTextAsync(
        DbConnection connection, NewPayload[] payloads, List<ApiUsageEntry> usageRows, StrongBox<IReadOnlyList<PayloadAccepted>?> sent)
    {
        try
        {
            return await InsertInTextAsync(connection, payloads, usageRows, sent, claimWithInserts: true);
        }
        catch (DbException e) when (DuplicateKeyException.IsDuplicateKey(e))
        {
            // A repeated delivery (a sender's retry, or the same event twice in the group).
        }

        return await InsertInTextAsync(connection, payloads, usageRows, sent, claimWithInserts: false);
    }

    private async Task<IReadOnlyList<PayloadAccepted>> InsertInTextAsync(DbConnection connection, NewPayload[] payloads, List<ApiUsageEntry> usageRows,
        StrongBox<IReadOnlyList<PayloadAccepted>?> sent, bool claimWithInserts)
    {
        var transaction = new TextTransaction();
        try
        {
            var inserts = new PendingInserts();
            var results = await store.AcceptAsync(
                connection, null, payloads, inserts, CancellationToken.None, inText: transaction, claimWithInserts: claimWithInserts);
            usage.AddTo(inserts, usageRows);
            sent.Value = results;
            await inserts.ExecuteAsync(connection, null, null, CancellationToken.None, transaction);
            return results;
        }
        catch
        {
            // Nothing of a failed group may stay open on the connection, holding its key locks, when it goes back to the pool.
            await transaction.RollBackAsync(connection);
            throw;
        }
    }

    /// <summary>SQLite: the group in one transaction on the writer's own connection, its INSERTs prepared there.</summary>
    private async Task<IReadOnlyList<PayloadAccepted>> CommitOnOwnAsync(PreparedCommands own, NewPayload[] payloads, List<ApiUsageEntry> usageRows)
    {
        // Not the requests' tokens (nor on MySQL): a group serves many requests, and one leaving must not roll back the others.
        await using var transaction = await Database.BeginAsync(own.Connection, CancellationToken.None);
        var inserts = new PendingInserts();
        var results = await store.AcceptAsync(own.Connection, transaction, payloads, inserts, CancellationToken.None, own);
        usage.AddTo(inserts, usageRows);
        await inserts.ExecuteAsync(own.Connection, transaction, own, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        await _leader.WaitAsync(CancellationToken.None);
        try
        {
            await DropConnectionAsync();
            await _kept.DropAsync();
        }
        finally
        {
            _leader.Release();
        }
    }

    /// <summary>A queued request: its result, and its turn — true once the result is set, false when it is handed the lead.</summary>
    internal sealed record Pending(IngestItem Item, TaskCompletionSource<PayloadAccepted> Result)
    {
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} payloads failed; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit got no answer, but the database holds it; its payloads are accepted as written")]
    private static partial void LogCommittedWithoutAnswer(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The kept MySQL connection failed; trying the group again on a new connection")]
    private static partial void LogKeptConnectionFailed(ILogger logger, Exception exception);
}
