using System.Data.Common;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// MySQL: a transaction run in SQL text rather than through the driver, whose begin and commit each cost a round trip
/// of their own. The begin goes at the head of the first command the transaction sends and the COMMIT at the tail of
/// the last, so they cost none. The server runs none of a command's statements after one that fails, so a failed
/// INSERT never reaches the COMMIT; the caller then rolls back (<see cref="RollBackAsync"/>).
/// </summary>
internal sealed class TextTransaction
{
    public const string Commit = "COMMIT";

    // READ COMMITTED, as Database.BeginAsync asks of the driver; without SESSION it holds for this transaction only.
    private const string Begin = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION;\n";

    /// <summary>Whether the begin has been handed out, i.e. a command may have opened the transaction.</summary>
    public bool Begun { get; private set; }

    /// <summary>The begin, for the first command the transaction sends; empty for every later one.</summary>
    public string TakeBegin()
    {
        if (Begun)
        {
            return string.Empty;
        }

        Begun = true;
        return Begin;
    }

    /// <summary>
    /// Rolls back what a failed transaction ran, so that its connection goes back to the pool holding no locks. Waits no
    /// longer than for a new connection: on a server that froze, the connection is lost anyway and the server rolls back.
    /// </summary>
    public async Task RollBackAsync(DbConnection connection)
    {
        if (!Begun)
        {
            return;
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "ROLLBACK";
            command.CommandTimeout = connection.ConnectionTimeout;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The connection is broken: the server rolls the transaction back when the connection goes.
        }
    }
}
