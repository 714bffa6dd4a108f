using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks;

internal sealed partial class WebhookStore
{
    /// <summary>Payloads across organizations for operators: optional organization, status and time range, newest first.</summary>
    public async Task<Page<WebhookPayloadSummary>> SearchPayloadsAsync(string? organizationId, PayloadFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        const string where = """
            WHERE (@OrganizationId IS NULL OR organization_id = @OrganizationId)
              AND (@Status IS NULL OR status = @Status)
              AND (@SourceId IS NULL OR source_id = @SourceId)
              AND (@ReceivedFrom IS NULL OR received_at >= @ReceivedFrom)
              AND (@ReceivedTo IS NULL OR received_at < @ReceivedTo)
            """;
        var parameters = new
        {
            OrganizationId = organizationId,
            filter.Status,
            filter.SourceId,
            filter.ReceivedFrom,
            filter.ReceivedTo,
            page.Limit,
            page.Offset,
        };
        var rows = await database.QueryListAsync<WebhookPayloadSummary>(
            $"SELECT {SummaryColumns} FROM webhook_payloads {where} ORDER BY received_at DESC, payload_id DESC {database.Dialect.Paging}",
            parameters, cancellationToken);
        var total = await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM webhook_payloads {where}", parameters, cancellationToken);
        return new Page<WebhookPayloadSummary>(rows, total, page);
    }
}
