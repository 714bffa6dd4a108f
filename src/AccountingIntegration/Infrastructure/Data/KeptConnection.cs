using System.Data.Common;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// One connection kept across a run of short transactions that follow one another (the MySQL ingest writer's groups),
/// so that each does not pay the round trip of the pool's reset when it opens. It is kept only while it stays busy: once
/// it has waited longer than the idle limit it goes back to the pool, and the next open takes one the pool has reset,
/// and so checked. Not thread-safe: one owner at a time (the writer's leader).
/// </summary>
/// <param name="database">Opens the connection (<see cref="Database.OpenFailingFastAsync"/>).</param>
/// <param name="time">Measures how long the connection waited.</param>
/// <param name="idleLimit">How long a connection may wait unused and still be taken again.</param>
internal sealed class KeptConnection(Database database, TimeProvider time, TimeSpan idleLimit) : IAsyncDisposable
{
    private DbConnection? _connection;
    private long _releasedAt;

    /// <summary>
    /// The kept connection, or a newly opened one when there is none or it waited too long. <c>Reused</c> says it served
    /// an earlier transaction: the server may have closed it since (a restart), which a new connection rules out.
    /// </summary>
    public async Task<(DbConnection Connection, bool Reused)> TakeAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null && time.GetElapsedTime(_releasedAt) <= idleLimit)
        {
            return (_connection, true);
        }

        await DropAsync();
        _connection = await database.OpenFailingFastAsync(cancellationToken);
        return (_connection, false);
    }

    /// <summary>The transaction on the connection ended well: keep it for the next one.</summary>
    public void Release() => _releasedAt = time.GetTimestamp();

    /// <summary>The connection failed or may be in any state: close it (back to the pool, which resets it), and open anew next time.</summary>
    public async ValueTask DropAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => DropAsync();
}
