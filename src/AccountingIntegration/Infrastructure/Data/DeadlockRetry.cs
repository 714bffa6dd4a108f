using MySqlConnector;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Runs a whole transaction again when InnoDB chose it as a deadlock's victim. InnoDB breaks a deadlock by rolling one
/// transaction back entirely and failing its statement with error 1213, and MySQL's manual asks applications to
/// re-issue that transaction ("How to Minimize and Handle Deadlocks", InnoDB locking chapter): nothing of it remains,
/// so running it from the start is safe. SQLite takes its write lock up front (<see cref="Database.BeginAsync"/>) and
/// never deadlocks. Each run must open its own transaction.
/// </summary>
internal static class DeadlockRetry
{
    /// <summary>How often a transaction runs at most: one that loses this many deadlocks in a row fails with the last.</summary>
    public const int Runs = 3;

    public static async Task<T> RunAsync<T>(Func<Task<T>> transaction)
    {
        for (var run = 1; ; run++)
        {
            try
            {
                return await transaction();
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.LockDeadlock && run < Runs)
            {
            }
        }
    }

    public static Task RunAsync(Func<Task> transaction) => RunAsync(async () =>
    {
        await transaction();
        return true;
    });
}
