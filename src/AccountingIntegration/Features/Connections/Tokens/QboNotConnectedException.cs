namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// The organization has no usable QBO connection: never connected, revoked, or its refresh token
/// was refused. Work for it waits until it connects again; an API call answers 409
/// <see cref="ErrorCode"/> (mapped in <see cref="ConnectionsExtensions"/>).
/// </summary>
internal sealed class QboNotConnectedException(string organizationId, string reason)
    : Exception($"The organization has no usable QuickBooks connection ({reason}); connect or reconnect it.")
{
    public const string ErrorCode = "QBO_NOT_CONNECTED";
    public const string NotConnected = "not_connected";

    public string OrganizationId { get; } = organizationId;

    /// <summary>not_connected, refresh_failed or revoked.</summary>
    public string Reason { get; } = reason;
}
