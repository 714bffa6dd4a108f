namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// Gives back this instance's concurrent slots when it stops, so the instances that stay use them at once. Best effort:
/// a stop that is already out of time, or a database that is gone, must not fail the shutdown, and the slots' lease
/// returns them to the others anyway.
/// </summary>
internal sealed partial class RealmBudgetShutdown(IRealmBudgetStore store, ILogger<RealmBudgetShutdown> logger) : IHostedService
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Not the host's token: it may already be cancelled when the other services used up the shutdown time.
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await store.ReleaseAllAsync(timeout.Token);
        }
        catch (Exception e)
        {
            LogReleaseFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back this instance's QBO slots at shutdown; they return when their lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
