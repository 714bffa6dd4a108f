using AccountingIntegration.Books;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The ledger links: which QBO documents were booked for which source objects. Rows are written with
/// insert-or-ignore on (organization, source key, role), so a retried or replayed event never links twice, and by the
/// attempt that booked them only with its outcome (<see cref="AttemptLedger"/>).
/// </summary>
internal sealed class LedgerStore(Database database, TimeProvider time)
{
    private const string Columns =
        "organization_id, source_key, role, qbo_type, qbo_id, sync_token, customer_id, total, stated_total, currency, paid, state, payload_id, created_at, updated_at";

    private const string MarkPaidSql =
        "UPDATE ledger_links SET paid = @Paid, updated_at = @Now WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId";

    private const string MarkStateSql =
        "UPDATE ledger_links SET state = @State, sync_token = COALESCE(@SyncToken, sync_token), updated_at = @Now " +
        "WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId";

    private const string SupersedeSql =
        "UPDATE ledger_links SET role = @SupersededRole, updated_at = @Now " +
        "WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId AND role = @Role";

    private const string ReviseSql =
        "UPDATE ledger_links SET total = @Total, stated_total = @StatedTotal, sync_token = COALESCE(@SyncToken, sync_token), updated_at = @Now " +
        "WHERE organization_id = @OrganizationId AND qbo_type = @QboType AND qbo_id = @QboId";

    private string InsertSql =>
        $"{database.Dialect.InsertIgnore} INTO ledger_links ({Columns}) VALUES " +
        "(@OrganizationId, @SourceKey, @Role, @QboType, @QboId, @SyncToken, @CustomerId, @Total, @StatedTotal, @Currency, @Paid, @State, @PayloadId, @CreatedAt, @UpdatedAt)";

    /// <summary>The ledger as a new attempt at a payload sees it: committed links only, until it books something.</summary>
    public AttemptLedger ForAttempt() => new(this, time);

    /// <summary>The committed links with <paramref name="role"/> under any of <paramref name="sourceKeys"/>.</summary>
    public Task<IReadOnlyList<LedgerLink>> FindAllAsync(string organizationId, IReadOnlyList<string> sourceKeys, string role, CancellationToken cancellationToken) =>
        database.QueryListAsync<LedgerLink>(
            $"SELECT {Columns} FROM ledger_links WHERE organization_id = @OrganizationId AND role = @Role AND source_key IN @Keys",
            new { OrganizationId = organizationId, Role = role, Keys = sourceKeys }, cancellationToken);

    /// <summary>
    /// Which of <paramref name="sourceKeys"/> have a committed link with <paramref name="role"/>: one look-up per few
    /// hundred names.
    /// </summary>
    public async Task<HashSet<string>> LinkedKeysAsync(string organizationId, IEnumerable<string> sourceKeys, string role, CancellationToken cancellationToken)
    {
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var names in LookUps(sourceKeys))
        {
            linked.UnionWith((await FindAllAsync(organizationId, names, role, cancellationToken)).Select(link => link.SourceKey));
        }

        return linked;
    }

    /// <summary>
    /// Which of <paramref name="sourceKeys"/> name something booked now, as a payload that stopped waiting for it needs it: a
    /// sale (its sale document linked under the name), a refund (<see cref="SourceKeys.ForRefund"/>: the refund receipt or
    /// credit memo linked under the refund's own name, by its own event or by the charge that lists it, neither voided nor
    /// deleted since; not the charge and amount a refund booked under its charge is also known by, which may stand for two),
    /// or a credit to the customer's balance (<see cref="SourceKeys.ForBalanceCredit"/>: its invoice of the customer balance
    /// item, standing). One index range per name (the key leads with the organization and the name), in look-ups of a few
    /// hundred names.
    /// </summary>
    public async Task<HashSet<string>> BookedKeysAsync(string organizationId, IEnumerable<string> sourceKeys, CancellationToken cancellationToken)
    {
        var booked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var names in LookUps(sourceKeys))
        {
            var links = await database.QueryListAsync<LedgerLink>(
                $"SELECT {Columns} FROM ledger_links WHERE organization_id = @OrganizationId AND source_key IN @Keys",
                new { OrganizationId = organizationId, Keys = names }, cancellationToken);
            booked.UnionWith(links.Where(BooksItsName).Select(link => link.SourceKey));
        }

        return booked;
    }

    /// <summary>
    /// Whether the link is what its name is booked as: a sale's document; or, still standing, a refund's under the refund's
    /// own name, or a credit to the customer's balance under the credit's (what a refund failure or a credit voided waits for).
    /// </summary>
    private static bool BooksItsName(LedgerLink link) =>
        link.Role == DocumentPlanner.SaleRole
        || (link.State is LedgerStates.Booked or LedgerStates.Drifted
            && ((DocumentPlanner.RefundIdOf(link.Role) is { } refundId && SourceKeys.NamesRefund(link.SourceKey, refundId))
                || (DocumentPlanner.BalanceCreditIdOf(link.Role) is { } creditId && SourceKeys.NamesBalanceCredit(link.SourceKey, creditId))));

    /// <summary>Distinct names a few hundred at a time, which keeps each IN list well inside both databases' limits.</summary>
    private static IEnumerable<string[]> LookUps(IEnumerable<string> sourceKeys) => sourceKeys.Distinct(StringComparer.Ordinal).Chunk(500);

    /// <summary>An attempt's links and changes, in the order it made them, inside its outcome's transaction.</summary>
    public async Task WriteAsync(DatabaseTransaction transaction, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            var (sql, parameters) = write switch
            {
                LedgerWrite.Insert insert => (InsertSql, (object)insert.Rows),
                LedgerWrite.MarkedPaid paid => (MarkPaidSql, new { Paid = true, paid.Now, paid.OrganizationId, paid.QboType, paid.QboId }),
                LedgerWrite.StateChanged changed => (MarkStateSql,
                    new { State = changed.NewState, changed.SyncToken, changed.Now, changed.OrganizationId, changed.QboType, changed.QboId }),
                LedgerWrite.Superseded superseded => (SupersedeSql,
                    new { superseded.SupersededRole, superseded.Now, superseded.OrganizationId, superseded.QboType, superseded.QboId, superseded.Role }),
                LedgerWrite.Revised revised => (ReviseSql,
                    new { revised.Total, revised.StatedTotal, revised.SyncToken, revised.Now, revised.OrganizationId, revised.QboType, revised.QboId }),
                _ => throw new ArgumentException($"Unknown ledger write {write.GetType().Name}.", nameof(writes)),
            };
            await transaction.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction.Transaction, cancellationToken: cancellationToken));
        }
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

    /// <summary>
    /// What happened to a document (edited, voided, deleted in QBO) and, when known, the SyncToken it has since (without
    /// one the stored token stays), as of now: written with what it means for the payloads (<see cref="MarkChangedAsync"/>).
    /// </summary>
    public LedgerWrite.StateChanged StateChange(string organizationId, string qboType, string qboId, string state, string? syncToken) =>
        new(organizationId, qboType, qboId, state, syncToken, time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Writes <paramref name="change"/> inside the caller's transaction, to the document's links not in that state yet;
    /// returns how many changed. None means another writer (a notice and the sweep telling the same change, on two
    /// instances) recorded it first: the row lock makes one of them wait and then find nothing to change.
    /// </summary>
    public Task<int> MarkChangedAsync(DatabaseTransaction transaction, LedgerWrite.StateChanged change, CancellationToken cancellationToken) =>
        transaction.Connection.ExecuteAsync(new CommandDefinition(MarkStateSql + " AND state <> @State",
            new { State = change.NewState, change.SyncToken, change.Now, change.OrganizationId, change.QboType, change.QboId }, transaction.Transaction,
            cancellationToken: cancellationToken));
}
