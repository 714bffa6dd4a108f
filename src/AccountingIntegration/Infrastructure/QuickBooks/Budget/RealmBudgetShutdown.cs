namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>Gives back this instance's concurrent slots when it stops, so the instances that stay use them at once.</summary>
internal sealed class RealmBudgetShutdown(IRealmBudgetStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => store.ReleaseAllAsync(cancellationToken);
}
