namespace AccountingIntegration.Features.Connections;

/// <summary>Tells every <see cref="IConnectionLostHandler"/> that a connection was lost; a failing subscriber is logged, never thrown.</summary>
internal sealed partial class ConnectionLossNotifier(IEnumerable<IConnectionLostHandler> subscribers, ILogger<ConnectionLossNotifier> logger)
{
    public async Task PublishAsync(ConnectionLost lost, CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.HandleAsync(lost, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The connection is marked already; a subscriber's failure must not fail the caller's request.
                LogSubscriberFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to lost connections failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
