namespace QboSandbox.Throttling;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Throttled a request to realm {RealmId} (429)")]
    public static partial void Throttled(ILogger logger, string realmId);
}
