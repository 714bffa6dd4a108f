using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks;

internal sealed partial class WebhookStore
{
    /// <summary>
    /// How many matching payloads a list counts at most. Counting every match of a million-row backlog took seconds per
    /// page; beyond this the total is reported as an estimate (a lower bound) and the client pages on by cursor.
    /// </summary>
    public const int MaxCountedTotal = 10_000;

    /// <summary>
    /// Payloads across organizations for operators: optional organization, status, source and time range, newest first.
    /// Only the filters given become conditions, so each combination is planned on the index that serves it
    /// (organization and received, organization and status, organization and source, status, received) and read in
    /// index order: a page costs its own rows however large the archive. After <paramref name="after"/>, the page
    /// starts behind that row (keyset) instead of at the page's offset.
    /// </summary>
    /// <param name="organizationId">One organization's payloads, or null for all.</param>
    /// <param name="filter">Status, source and time range; null fields match anything.</param>
    /// <param name="page">The page size, and the offset when no cursor is given.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <param name="after">Where the previous page ended, or null to start at the page's offset.</param>
    public async Task<Page<WebhookPayloadSummary>> SearchPayloadsAsync(
        string? organizationId, PayloadFilter filter, PageRequest page, CancellationToken cancellationToken, PayloadCursor? after = null)
    {
        var where = PayloadConditions.Where(organizationId, filter);
        var parameters = new
        {
            OrganizationId = organizationId,
            filter.Status,
            filter.SourceId,
            filter.ReceivedFrom,
            filter.ReceivedTo,
            filter.Text,
            filter.TextPattern,
            AfterReceivedAt = after?.ReceivedAt,
            AfterPayloadId = after?.PayloadId,
            Limit = page.Limit + 1,
            Offset = after is null ? page.Offset : 0,
            Cap = MaxCountedTotal + 1,
        };
        var rows = (await database.QueryListAsync<WebhookPayloadSummary>(
            PayloadConditions.RowsSql(database.Dialect, where, after is not null), parameters, cancellationToken)).ToList();
        var more = rows.Count > page.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        // A first page that is not full holds every match; otherwise count, but no further than the cap.
        var total = after is null && page.Offset == 0 && !more
            ? rows.Count
            : await database.QuerySingleOrDefaultAsync<long>(PayloadConditions.CountSql(where), parameters, cancellationToken);
        var estimate = total > MaxCountedTotal;
        return new Page<WebhookPayloadSummary>(
            rows, Math.Min(total, MaxCountedTotal), page, estimate, more ? PayloadCursor.After(rows[^1]).Encode() : null, more);
    }
}
