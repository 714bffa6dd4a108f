using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Alerts;

/// <summary>Which alerts a list shows: one organization's (or all, for operators), one kind, those with a delivery in one state.</summary>
internal sealed record AlertFilter(string? OrganizationId, string? Kind, string? State);

internal sealed partial class AlertStore
{
    /// <summary>Newest first, each with its deliveries.</summary>
    public async Task<Page<(Alert Alert, IReadOnlyList<AlertDelivery> Deliveries)>> ListAsync(AlertFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        const string where = """
            WHERE (@OrganizationId IS NULL OR a.organization_id = @OrganizationId)
              AND (@Kind IS NULL OR a.kind = @Kind)
              AND (@State IS NULL OR EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.alert_id AND d.state = @State))
            """;
        var args = new { filter.OrganizationId, filter.Kind, filter.State, page.Limit, page.Offset };
        var total = await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM alerts a {where}", args, cancellationToken);
        var alerts = await database.QueryListAsync<Alert>(
            $"SELECT {Prefixed} FROM alerts a {where} ORDER BY a.created_at DESC, a.alert_id DESC {database.Dialect.Paging}", args, cancellationToken);
        var deliveries = alerts.Count == 0
            ? []
            : await database.QueryListAsync<AlertDelivery>(
                $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE alert_id IN @Ids ORDER BY destination", new { Ids = alerts.Select(a => a.AlertId).ToArray() },
                cancellationToken);
        var byAlert = deliveries.ToLookup(d => d.AlertId);
        return new Page<(Alert, IReadOnlyList<AlertDelivery>)>([.. alerts.Select(a => (a, (IReadOnlyList<AlertDelivery>)[.. byAlert[a.AlertId]]))], total, page);
    }

    private static string Prefixed => string.Join(", ", AlertColumns.Split(", ").Select(c => "a." + c));
}
