using System.Data.Common;
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        var inserts = new PendingInserts();
        var results = await AcceptAsync(connection, transaction, payloads, inserts, cancellationToken);
        await inserts.ExecuteAsync(connection, transaction, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// Accepts a group of payloads inside the caller's transaction: the event keys are claimed (insert-or-ignore, one
    /// statement on MySQL) and each duplicate's owner is looked up at once; the new payloads and queue entries are added
    /// to <paramref name="inserts"/>, which the caller executes with whatever else belongs to the same requests, then commits.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">A writing transaction on it (<see cref="Database.BeginAsync"/>), or null with <paramref name="inText"/>.</param>
    /// <param name="payloads">The group, in arrival order: of two with the same key, the first is the owner.</param>
    /// <param name="inserts">Receives the payload and queue rows to insert.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <param name="prepared">On SQLite, the writer's prepared commands on <paramref name="connection"/>, if it keeps any.</param>
    /// <param name="inText">On MySQL, instead of <paramref name="transaction"/>: a transaction in SQL text, begun by the first command sent (the key claims, or the caller's inserts).</param>
    /// <param name="claimWithInserts">
    /// Instead of claiming the keys first: add the claims to <paramref name="inserts"/>, ahead of the payloads, as a plain
    /// INSERT, and take every key as won. The claims then cost no command of their own; a key claimed before makes the
    /// caller's command fail with a duplicate key before any other statement of it runs. <paramref name="inserts"/> must
    /// be empty, so that nothing runs ahead of the claims.
    /// </param>
    public async Task<IReadOnlyList<PayloadAccepted>> AcceptAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewPayload> payloads,
        PendingInserts inserts, CancellationToken cancellationToken, PreparedCommands? prepared = null, TextTransaction? inText = null,
        bool claimWithInserts = false)
    {
        foreach (var payload in payloads)
        {
            if (payload.EventKey is { Length: > MaxEventKeyLength })
            {
                throw new ArgumentException($"An event key may have at most {MaxEventKeyLength} characters.", nameof(payloads));
            }
        }

        var receivedAt = time.GetUtcNow().UtcDateTime;
        var ids = new string[payloads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Ids.New(time);
        }

        var claimed = claimWithInserts
            ? ClaimsAheadOfInserts(payloads, ids, receivedAt, inserts)
            : await ClaimEventKeysAsync(connection, transaction, payloads, ids, receivedAt, prepared, inText, cancellationToken);
        var results = new PayloadAccepted[payloads.Count];
        var payloadRows = new List<object?[]>(payloads.Count);
        var queueRows = new List<object?[]>(payloads.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            if (payload.EventKey is not null && !claimed.Contains(ids[i]))
            {
                results[i] = await OwnerOfAsync(connection, transaction, payload, cancellationToken);
                continue;
            }

            payloadRows.Add([ids[i], receivedAt, payload.OrganizationId, payload.SourceId, payload.ApiKeyId, payload.EventKey, payload.EventType,
                payload.RawPayload, PayloadStatus.Queued, 0, receivedAt, null, false, null, null, null, receivedAt]);
            queueRows.Add([ids[i], receivedAt, payload.OrganizationId, PayloadStatus.Queued, 0, receivedAt, null, null, payload.TraceParent]);
            results[i] = new PayloadAccepted(ids[i], receivedAt, Duplicate: false);
        }

        inserts.Add("""
            INSERT INTO webhook_payloads (payload_id, received_at, organization_id, source_id, api_key_id, event_key, event_type, raw_payload,
                                          status, attempts, next_attempt_at, lease_until, processed, invoice_id, last_error, completed_at, updated_at)
            """, payloadRows);
        inserts.Add(
            "INSERT INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until, trace_parent)",
            queueRows);
        return results;
    }

    private static readonly string[] EventKeyColumns = ["organization_id", "source_id", "event_key", "payload_id", "received_at"];
    private static readonly string InsertEventKeys = $"INSERT INTO webhook_event_keys ({string.Join(", ", EventKeyColumns)})";

    /// <summary>
    /// Claims the group's event keys (one statement on MySQL); returns the payload ids whose claim was inserted.
    /// </summary>
    private Task<HashSet<string>> ClaimEventKeysAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewPayload> payloads,
        string[] ids, DateTime receivedAt, PreparedCommands? prepared, TextTransaction? inText, CancellationToken cancellationToken) =>
        MultiRowInsert.InsertIgnoreAsync(connection, transaction, database.Dialect.InsertIgnore, "webhook_event_keys", EventKeyColumns, keyColumn: 3,
            EventKeyRows(payloads, ids, receivedAt), prepared, cancellationToken, inText);

    /// <summary>
    /// The claims as the first INSERT of the caller's command, every key taken as won. A key claimed before (or twice in
    /// the group) fails that INSERT with a duplicate key, and the server runs none of the command's later statements: the
    /// caller rolls the transaction back and accepts the group again with the keys claimed first.
    /// </summary>
    private static HashSet<string> ClaimsAheadOfInserts(IReadOnlyList<NewPayload> payloads, string[] ids, DateTime receivedAt, PendingInserts inserts)
    {
        var rows = EventKeyRows(payloads, ids, receivedAt);
        inserts.Add(InsertEventKeys, rows);
        return rows.Select(row => (string)row[3]!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The claim rows of the group's keyed payloads, in key order: two groups (two instances on one MySQL) lock shared keys
    /// in the same order and cannot deadlock; the sort is stable, so of two equal keys in one group the earlier payload owns it.
    /// </summary>
    private static List<object?[]> EventKeyRows(IReadOnlyList<NewPayload> payloads, string[] ids, DateTime receivedAt) =>
        Enumerable.Range(0, payloads.Count)
            .Where(i => payloads[i].EventKey is not null)
            .OrderBy(i => payloads[i].OrganizationId, StringComparer.Ordinal)
            .ThenBy(i => payloads[i].SourceId, StringComparer.Ordinal)
            .ThenBy(i => payloads[i].EventKey, StringComparer.Ordinal)
            .Select(i => new object?[] { payloads[i].OrganizationId, payloads[i].SourceId, payloads[i].EventKey, ids[i], receivedAt })
            .ToList();

    /// <summary>The payload that owns a key claimed before, with its current status (read in the same statement, so a 202 needs no second read).</summary>
    private static async Task<PayloadAccepted> OwnerOfAsync(DbConnection connection, DbTransaction? transaction, NewPayload payload, CancellationToken cancellationToken)
    {
        const string ownerSql = """
            SELECT k.payload_id AS PayloadId, k.received_at AS ReceivedAt, p.status AS Status
            FROM webhook_event_keys k
            LEFT JOIN webhook_payloads p ON p.payload_id = k.payload_id AND p.received_at = k.received_at AND p.organization_id = k.organization_id
            WHERE k.organization_id = @OrganizationId AND k.source_id = @SourceId AND k.event_key = @EventKey
            """;
        var owner = await connection.QuerySingleAsync<EventKeyOwner>(new CommandDefinition(
            ownerSql, new { payload.OrganizationId, payload.SourceId, payload.EventKey }, transaction, cancellationToken: cancellationToken));
        return new PayloadAccepted(owner.PayloadId, owner.ReceivedAt, Duplicate: true, owner.Status ?? PayloadStatus.Queued);
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

    /// <summary>The payload that first claimed an event key, and its status (null if retention removed it before its key).</summary>
    private sealed record EventKeyOwner
    {
        public required string PayloadId { get; init; }

        public DateTime ReceivedAt { get; init; }

        public string? Status { get; init; }
    }
}
