namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// On SQLite only: statistics at start (a copied or upgraded file may have none) and then on every round, and a
/// truncating WAL checkpoint every round. Minutes apart rather than the retention worker's hours, because the log
/// of a busy service grows by gigabytes in hours.
/// </summary>
internal sealed partial class SqliteMaintenanceWorker(
    Database database, SqliteMaintenance maintenance, TimeProvider time, ILogger<SqliteMaintenanceWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        await RunOnceAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>One round; a failure is logged and the next round tries again.</summary>
    /// <param name="cancellationToken">Stops the round.</param>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await maintenance.OptimizeAsync(cancellationToken);
            var checkpoint = await maintenance.CheckpointAsync(cancellationToken);
            if (checkpoint.Busy != 0)
            {
                LogCheckpointBusy(logger, checkpoint.Log, checkpoint.Checkpointed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WAL checkpoint could not finish ({Checkpointed} of {Frames} frames copied); the next round tries again")]
    private static partial void LogCheckpointBusy(ILogger logger, long frames, long checkpointed);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite maintenance failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
