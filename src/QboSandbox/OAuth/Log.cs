namespace QboSandbox.OAuth;

// Token and secret values are never logged; only grant types, client ids and realms.
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Issued tokens ({GrantType}) to client {ClientId} for realm {RealmId}")]
    public static partial void TokensIssued(ILogger logger, string grantType, string clientId, string realmId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Rejected {GrantType} grant for client {ClientId}: invalid_grant")]
    public static partial void GrantRejected(ILogger logger, string grantType, string clientId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Rejected client authentication at the token endpoint")]
    public static partial void ClientRejected(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Revoked a connection of client {ClientId}")]
    public static partial void Revoked(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Authorized client {ClientId} for realm {RealmId}")]
    public static partial void Authorized(ILogger logger, string clientId, string realmId);
}
