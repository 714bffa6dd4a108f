namespace QboSandbox.Accounting;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Rejected Accounting API call to {Path}: missing, unknown or expired bearer token")]
    public static partial void Unauthenticated(ILogger logger, string path);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Unexpected error handling {Path}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Created {Entity} {Id} in realm {RealmId}")]
    public static partial void Created(ILogger logger, string entity, string id, string realmId);
}
