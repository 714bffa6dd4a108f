using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// The WHERE clause of a payload list, made of the filters actually given. A condition written as
/// "(@X IS NULL OR column = @X)" keeps one statement for every combination but hides the column from the planner, which
/// then scans the archive; fixed fragments joined per request keep the SQL parameterised and let each use its index.
/// </summary>
internal static class PayloadConditions
{
    /// <summary>
    /// Rows after the cursor's in the list's order (received_at, payload_id descending). The first term repeats what the
    /// second implies so that both planners see a range on received_at and start the index there, not at the newest row.
    /// </summary>
    public const string AfterCursor =
        "received_at <= @AfterReceivedAt AND (received_at < @AfterReceivedAt OR (received_at = @AfterReceivedAt AND payload_id < @AfterPayloadId))";

    public static string Where(string? organizationId, PayloadFilter filter)
    {
        var conditions = new List<string>();
        if (organizationId is not null)
        {
            conditions.Add("organization_id = @OrganizationId");
        }

        if (filter.Status is not null)
        {
            conditions.Add("status = @Status");
        }

        if (filter.SourceId is not null)
        {
            conditions.Add("source_id = @SourceId");
        }

        if (filter.ReceivedFrom is not null)
        {
            conditions.Add("received_at >= @ReceivedFrom");
        }

        if (filter.ReceivedTo is not null)
        {
            conditions.Add("received_at < @ReceivedTo");
        }

        if (filter.Text is not null)
        {
            conditions.Add("(payload_id = @Text OR event_key = @Text OR event_type LIKE @TextPattern ESCAPE '!' OR last_error LIKE @TextPattern ESCAPE '!')");
        }

        return conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>A page of the list: @Limit rows from @Offset, after the cursor (@AfterReceivedAt, @AfterPayloadId) when there is one.</summary>
    public static string RowsSql(SqlDialect dialect, string where, bool afterCursor) =>
        $"SELECT {WebhookStore.SummaryColumns} FROM webhook_payloads {(afterCursor ? And(where, AfterCursor) : where)} " +
        $"ORDER BY received_at DESC, payload_id DESC {dialect.Paging}";

    /// <summary>How many rows match, counting no further than @Cap.</summary>
    public static string CountSql(string where) => $"SELECT COUNT(*) FROM (SELECT 1 AS one FROM webhook_payloads {where} LIMIT @Cap) counted";

    private static string And(string where, string condition) => where.Length == 0 ? "WHERE " + condition : where + " AND " + condition;
}
