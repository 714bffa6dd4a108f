using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Proxy;

/// <summary>
/// Reads the organization's own QBO company with its stored tokens (refreshed when due): a page of
/// an entity with the total count, one entity by id, or a report. Never writes.
/// </summary>
internal sealed class QboProxy(TokenManager tokens, QboClient qbo)
{
    public async Task<(IReadOnlyList<JsonObject> Rows, long Total)> ListAsync(string organizationId, string entity, ProxyPaging paging, CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync(organizationId, cancellationToken);
        var rows = await qbo.QueryAsync(credentials, entity, QboQuery.Select(entity, null, paging.StartPosition, paging.PageSize), cancellationToken);
        var total = await qbo.CountAsync(credentials, entity, cancellationToken);
        return (rows.Items, total);
    }

    public async Task<JsonObject?> ReadAsync(string organizationId, string entity, string id, CancellationToken cancellationToken) =>
        await qbo.ReadAsync(await CredentialsAsync(organizationId, cancellationToken), entity, id, cancellationToken);

    public async Task<JsonObject> ReportAsync(string organizationId, string report, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        await qbo.ReportAsync(await CredentialsAsync(organizationId, cancellationToken), report, parameters, cancellationToken);

    private async Task<QboCredentials> CredentialsAsync(string organizationId, CancellationToken cancellationToken)
    {
        var token = await tokens.GetValidTokenAsync(organizationId, cancellationToken);
        // Marked so a flood of proxy reads waits behind its own share of the company's budget, not in front of its invoices.
        return new QboCredentials(token.RealmId, token.AccessToken) { Traffic = QboTraffic.Proxy };
    }
}
