namespace AccountingIntegration.Features.Connections;

/// <summary>The sync_status values of a QBO connection.</summary>
internal static class ConnectionStatus
{
    public const string Connected = "connected";
    public const string RefreshFailed = "refresh_failed";
    public const string Revoked = "revoked";
}
