using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// The organization has no usable QBO connection: never connected, revoked, or its refresh token
/// was refused. Work for it waits until it connects again.
/// </summary>
internal sealed class QboNotConnectedException(string organizationId, string reason)
    : ApiException(StatusCodes.Status409Conflict, ErrorCode, $"The organization has no usable QuickBooks connection ({reason}); connect or reconnect it.")
{
    public const string ErrorCode = "QBO_NOT_CONNECTED";
    public const string NotConnected = "not_connected";

    public string OrganizationId { get; } = organizationId;

    /// <summary>not_connected, refresh_failed or revoked.</summary>
    public string Reason { get; } = reason;
}
