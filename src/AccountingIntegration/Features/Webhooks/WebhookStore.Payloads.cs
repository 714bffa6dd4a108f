using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>Payloads: accept (deduplicated, queued in the same transaction), read and list.</summary>
internal sealed partial class WebhookStore
{
    /// <summary>The width of event_key: MySQL's INSERT IGNORE would truncate a longer key silently and merge distinct events.</summary>
    public const int MaxEventKeyLength = 255;

    public const string SummaryColumns =
        "payload_id, received_at, organization_id, source_id, api_key_id, event_key, event_type, status, attempts, next_attempt_at, lease_until, processed, invoice_id, last_error, completed_at, updated_at";

    /// <summary>
    /// Stores a payload and its queue entry in one transaction. With an event key, the key is
    /// claimed first by insert-or-ignore on webhook_event_keys: whoever inserts it owns the event,
    /// everyone else (including a concurrent request blocked on the same key) reads the owner's
    /// payload id and stores nothing. No check-then-insert, so races cannot create two payloads.
    /// </summary>
    public async Task<PayloadAccepted> CreatePayloadAsync(NewPayload payload, CancellationToken cancellationToken) =>
        (await CreatePayloadsAsync([payload], cancellationToken))[0];

    /// <summary>
    /// Stores several payloads in one transaction, in order: one commit (one fsync on SQLite)
    /// for the whole batch. A repeat of an event key earlier in the same batch is a duplicate of it.
    /// </summary>
    public async Task<IReadOnlyList<PayloadAccepted>> CreatePayloadsAsync(IReadOnlyList<NewPayload> payloads, CancellationToken cancellationToken)
    {
        foreach (var payload in payloads)
        {
            if (payload.EventKey is { Length: > MaxEventKeyLength })
            {
                throw new ArgumentException($"An event key may have at most {MaxEventKeyLength} characters.", nameof(payloads));
            }
        }

        var results = new List<PayloadAccepted>(payloads.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        foreach (var payload in payloads)
        {
            results.Add(await AcceptAsync(connection, transaction, payload, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private async Task<PayloadAccepted> AcceptAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, NewPayload payload, CancellationToken cancellationToken)
    {
        var claimKeySql = $"""
            {database.Dialect.InsertIgnore} INTO webhook_event_keys (organization_id, source_id, event_key, payload_id, received_at)
            VALUES (@OrganizationId, @SourceId, @EventKey, @PayloadId, @ReceivedAt)
            """;
        const string existingSql = """
            SELECT payload_id AS PayloadId, received_at AS ReceivedAt FROM webhook_event_keys
            WHERE organization_id = @OrganizationId AND source_id = @SourceId AND event_key = @EventKey
            """;
        const string payloadSql = """
            INSERT INTO webhook_payloads (payload_id, received_at, organization_id, source_id, api_key_id, event_key, event_type, raw_payload,
                                          status, attempts, next_attempt_at, lease_until, processed, invoice_id, last_error, completed_at, updated_at)
            VALUES (@PayloadId, @ReceivedAt, @OrganizationId, @SourceId, @ApiKeyId, @EventKey, @EventType, @RawPayload,
                    @Status, 0, @ReceivedAt, NULL, @False, NULL, NULL, NULL, @ReceivedAt)
            """;
        const string queueSql = """
            INSERT INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until, trace_parent)
            VALUES (@PayloadId, @ReceivedAt, @OrganizationId, @Status, 0, @ReceivedAt, NULL, NULL, @TraceParent)
            """;
        var receivedAt = time.GetUtcNow().UtcDateTime;
        var row = new
        {
            PayloadId = Ids.New(time),
            ReceivedAt = receivedAt,
            payload.OrganizationId,
            payload.SourceId,
            payload.ApiKeyId,
            payload.EventKey,
            payload.EventType,
            payload.RawPayload,
            payload.TraceParent,
            Status = PayloadStatus.Queued,
            False = false,
        };

        if (payload.EventKey is not null)
        {
            var claimed = await connection.ExecuteAsync(new CommandDefinition(claimKeySql, row, transaction, cancellationToken: cancellationToken));
            if (claimed == 0)
            {
                var first = await connection.QuerySingleAsync<EventKeyOwner>(
                    new CommandDefinition(existingSql, row, transaction, cancellationToken: cancellationToken));
                return new PayloadAccepted(first.PayloadId, first.ReceivedAt, Duplicate: true);
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(payloadSql, row, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(queueSql, row, transaction, cancellationToken: cancellationToken));
        return new PayloadAccepted(row.PayloadId, receivedAt, Duplicate: false);
    }

    /// <summary>The worker's look-up of a claimed payload: the whole primary key, and the organization.</summary>
    public const string PayloadByKeySql =
        $"SELECT {SummaryColumns}, raw_payload FROM webhook_payloads WHERE payload_id = @PayloadId AND received_at = @ReceivedAt AND organization_id = @OrganizationId";

    /// <summary>A payload by id alone, as the API names it; the planner needs statistics to prefer the key (<see cref="SqliteMaintenance"/>).</summary>
    public const string PayloadByIdSql =
        $"SELECT {SummaryColumns}, raw_payload FROM webhook_payloads WHERE organization_id = @OrganizationId AND payload_id = @PayloadId";

    /// <summary>The organization's payload with its body; another organization's id reads as null.</summary>
    public Task<WebhookPayload?> GetPayloadAsync(string organizationId, string payloadId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<WebhookPayload>(PayloadByIdSql, new { OrganizationId = organizationId, PayloadId = payloadId }, cancellationToken);

    /// <summary>
    /// A claimed payload with its body, by its whole primary key: the worker's look-up. With the key complete the
    /// plan cannot depend on statistics (SQLite otherwise may pick an organization index and walk the organization's
    /// backlog for each attempt) and MariaDB reads one partition.
    /// </summary>
    /// <param name="organizationId">The claim's organization; another organization's payload reads as null.</param>
    /// <param name="payloadId">The payload's id.</param>
    /// <param name="receivedAt">When the payload was received, as its queue entry carries it.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<WebhookPayload?> GetPayloadAsync(string organizationId, string payloadId, DateTime receivedAt, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<WebhookPayload>(
            PayloadByKeySql, new { OrganizationId = organizationId, PayloadId = payloadId, ReceivedAt = receivedAt }, cancellationToken);

    /// <summary>The organization's payloads, newest first, without bodies; after a cursor, the page behind it.</summary>
    /// <param name="organizationId">The organization whose payloads are listed.</param>
    /// <param name="filter">Status, source and time range; null fields match anything.</param>
    /// <param name="page">The page size, and the offset when no cursor is given.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <param name="after">Where the previous page ended, or null.</param>
    public Task<Page<WebhookPayloadSummary>> ListPayloadsAsync(
        string organizationId, PayloadFilter filter, PageRequest page, CancellationToken cancellationToken, PayloadCursor? after = null) =>
        SearchPayloadsAsync(organizationId, filter, page, cancellationToken, after);

    /// <summary>The payload that first claimed an event key.</summary>
    private sealed record EventKeyOwner
    {
        public required string PayloadId { get; init; }

        public DateTime ReceivedAt { get; init; }
    }
}
