namespace AccountingIntegration.Features.Connections;

/// <summary>An organization's QBO connection can no longer be used (Intuit refused its refresh token): someone must reconnect it.</summary>
internal sealed record ConnectionLost(string OrganizationId, string RealmId, string Status, string Reason);

/// <summary>
/// Reacts to <see cref="ConnectionLost"/>. Connections publishes through <see cref="ConnectionLossNotifier"/>; features that
/// tell people (alerts) subscribe by registering an implementation.
/// </summary>
internal interface IConnectionLostHandler
{
    Task HandleAsync(ConnectionLost lost, CancellationToken cancellationToken);
}
