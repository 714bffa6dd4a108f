using AccountingIntegration.Infrastructure.Telemetry;
using MySqlConnector;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Runs a whole transaction again when InnoDB chose it as a deadlock's victim. InnoDB breaks a deadlock by rolling one
/// transaction back entirely and failing its statement with error 1213, and MySQL's manual asks applications to
/// re-issue that transaction ("How to Minimize and Handle Deadlocks", InnoDB locking chapter): nothing of it remains,
/// so running it from the start is safe. SQLite takes its write lock up front (<see cref="Database.BeginAsync"/>) and
/// never deadlocks. Each run must open its own transaction. Every deadlock lost is counted
/// (<c>ai_database_deadlocks_total</c>), since a retried one leaves no other trace.
/// </summary>
internal sealed class DeadlockRetry(ServiceMetrics metrics)
{
    /// <summary>How often a transaction runs at most: one that loses this many deadlocks in a row fails with the last.</summary>
    public const int Runs = 3;

    /// <param name="transaction">What the transaction does, for the counter: a handful of names fixed in code.</param>
    /// <param name="run">Opens, writes and commits the transaction.</param>
    public async Task<T> RunAsync<T>(string transaction, Func<Task<T>> run)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await run();
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.LockDeadlock)
            {
                var retried = attempt < Runs;
                metrics.DeadlockLost(transaction, retried);
                if (!retried)
                {
                    throw;
                }
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}(string, Func{Task{T}})"/>
    public Task RunAsync(string transaction, Func<Task> run) => RunAsync(transaction, async () =>
    {
        await run();
        return true;
    });
}
