namespace QboSandbox.Webhooks;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} for realm {RealmId}: attempt {Attempt} failed ({Outcome}); next attempt at {NextAttemptAt}")]
    public static partial void DeliveryFailed(ILogger logger, int webhookId, string realmId, int attempt, string outcome, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Webhook delivery pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
