namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// Keeps idle connections alive: Intuit's refresh token rolls for 100 days only when used
/// (REFERENCE §1.7), so connections whose refresh token nears expiry are refreshed here.
/// </summary>
internal sealed partial class ConnectionRefreshWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<ConnectionRefreshWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefreshWhenLeft = TimeSpan.FromDays(30);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RefreshDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<OAuthTokenStore>();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenManager>();
        var due = await store.ListRefreshDueAsync(time.GetUtcNow().UtcDateTime + RefreshWhenLeft, BatchSize, cancellationToken);
        var refreshed = 0;
        foreach (var connection in due)
        {
            try
            {
                await tokens.ForceRefreshAsync(connection.OrganizationId, cancellationToken);
                refreshed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // invalid_grant has already marked the connection; other errors retry next round.
                LogRefreshFailed(logger, connection.OrganizationId, connection.RealmId, e.GetType().Name);
            }
        }

        return refreshed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The connection refresh round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background refresh failed for organization {OrganizationId}, realm {RealmId}: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string organizationId, string realmId, string error);
}
