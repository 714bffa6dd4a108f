namespace AccountingIntegration.Features.Connections;

/// <summary>An organization has just connected (or reconnected) a QBO company; its tokens are stored.</summary>
internal sealed record CompanyConnected(string OrganizationId, string RealmId);

/// <summary>
/// Reacts to <see cref="CompanyConnected"/>. Connections publishes; features that wait on a connection
/// (webhook payloads parked as waiting_connection) subscribe by registering an implementation.
/// </summary>
internal interface ICompanyConnectedHandler
{
    Task HandleAsync(CompanyConnected connected, CancellationToken cancellationToken);
}
