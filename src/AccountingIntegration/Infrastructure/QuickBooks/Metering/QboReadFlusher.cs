using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Infrastructure.QuickBooks.Metering;

/// <summary>
/// Adds this instance's counted QBO reads to the shared monthly figure every <see cref="Interval"/> and once more on
/// shutdown. A failed write gives the counts back to the tally for the next round, so reads are late, never lost
/// (short of the process being killed between two rounds, which loses at most one interval's count).
/// </summary>
internal sealed partial class QboReadFlusher(QboReadTally tally, QboReadUsageStore store, TimeProvider time, ILogger<QboReadFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last counts are written below.
        }

        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushAsync(last.Token);
    }

    /// <summary>Writes what was counted since the last round.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = tally.Take();
        try
        {
            await store.AddAsync(counts, cancellationToken);
        }
        catch (Exception e)
        {
            tally.Return(counts);
            LogFlushFailed(logger, counts.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding {Companies} companies' QBO read counts to the monthly figure failed; they are kept for the next round")]
    private static partial void LogFlushFailed(ILogger logger, int companies, Exception exception);
}
