using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The ledger links: which QBO documents were booked for which source objects. Rows are written with
/// insert-or-ignore on (organization, source key, role), so a retried or replayed event never links twice.
/// </summary>
internal sealed class LedgerStore(Database database, TimeProvider time)
{
    private const string Columns =
        "organization_id, source_key, role, qbo_type, qbo_id, sync_token, customer_id, total, currency, paid, state, payload_id, created_at, updated_at";

    /// <summary>Links the document under every name of its source object; names already linked keep their first document.</summary>
    public async Task LinkAsync(LedgerLink link, IEnumerable<string> sourceKeys, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = sourceKeys.Distinct(StringComparer.Ordinal).Select(key => link with { SourceKey = key, CreatedAt = now, UpdatedAt = now }).ToList();
        await database.ExecuteBatchAsync(
            $"{database.Dialect.InsertIgnore} INTO ledger_links ({Columns}) VALUES " +
            "(@OrganizationId, @SourceKey, @Role, @QboType, @QboId, @SyncToken, @CustomerId, @Total, @Currency, @Paid, @State, @PayloadId, @CreatedAt, @UpdatedAt)",
            rows, cancellationToken);
    }

    /// <summary>The document booked with <paramref name="role"/> under the first of <paramref name="sourceKeys"/> that has one.</summary>
    public async Task<LedgerLink?> FindAsync(string organizationId, IReadOnlyList<string> sourceKeys, string role, CancellationToken cancellationToken)
    {
        if (sourceKeys.Count == 0)
        {
            return null;
        }

        var rows = await database.QueryListAsync<LedgerLink>(
            $"SELECT {Columns} FROM ledger_links WHERE organization_id = @OrganizationId AND role = @Role AND source_key IN @Keys",
            new { OrganizationId = organizationId, Role = role, Keys = sourceKeys }, cancellationToken);
        return sourceKeys.Select(key => rows.FirstOrDefault(row => row.SourceKey == key)).FirstOrDefault(row => row is not null);
    }

    /// <summary>Every document booked for a source object (its sale, payments, refunds), oldest first.</summary>
    public Task<IReadOnlyList<LedgerLink>> ListForAsync(string organizationId, string sourceKey, CancellationToken cancellationToken) =>
        database.QueryListAsync<LedgerLink>(
            $"SELECT {Columns} FROM ledger_links WHERE organization_id = @OrganizationId AND source_key = @SourceKey ORDER BY created_at, role",
            new { OrganizationId = organizationId, SourceKey = sourceKey }, cancellationToken);

    /// <summary>The links of one QBO document (every name it is booked under), to follow what people do to it in QBO.</summary>
    public Task<IReadOnlyList<LedgerLink>> ListByDocumentAsync(string organizationId, string qboType, string qboId, CancellationToken cancellationToken) =>
        database.QueryListAsync<LedgerLink>(
            $"SELECT {Columns} FROM ledger_links WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId",
            new { OrganizationId = organizationId, QboType = qboType, QboId = qboId }, cancellationToken);

    /// <summary>The documents a payload booked (one row per document, under the first name it is linked by), oldest first, for the console's timeline.</summary>
    public async Task<IReadOnlyList<LedgerLink>> ListByPayloadAsync(string organizationId, string payloadId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryListAsync<LedgerLink>(
            $"SELECT {Columns} FROM ledger_links WHERE organization_id = @OrganizationId AND payload_id = @PayloadId ORDER BY created_at, role, source_key",
            new { OrganizationId = organizationId, PayloadId = payloadId }, cancellationToken);
        return rows.DistinctBy(row => (row.QboType, row.QboId, row.Role)).ToList();
    }

    /// <summary>Marks the sale paid once its payment is booked, so a later refund knows money was received.</summary>
    public Task MarkPaidAsync(string organizationId, string qboType, string qboId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE ledger_links SET paid = @Paid, updated_at = @Now WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId",
            new { Paid = true, Now = time.GetUtcNow().UtcDateTime, OrganizationId = organizationId, QboType = qboType, QboId = qboId }, cancellationToken);

    /// <summary>
    /// Records what happened to a document (voided here, or edited, voided, deleted in QBO) and, when known, the
    /// SyncToken it has since; without one the stored token stays.
    /// </summary>
    public async Task<int> MarkStateAsync(string organizationId, string qboType, string qboId, string state, string? syncToken, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE ledger_links SET state = @State, sync_token = COALESCE(@SyncToken, sync_token), updated_at = @Now " +
            "WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId",
            new { State = state, SyncToken = syncToken, Now = time.GetUtcNow().UtcDateTime, OrganizationId = organizationId, QboType = qboType, QboId = qboId },
            cancellationToken);
}
