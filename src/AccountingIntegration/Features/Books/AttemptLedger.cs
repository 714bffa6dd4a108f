using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The ledger as one attempt at a payload sees it: the committed links, with the attempt's own links and changes laid
/// over them in the order it made them. Nothing is written until the attempt records its outcome, in the outcome's
/// transaction (<see cref="WriteAsync"/>), whatever that outcome is: a document QBO created is a fact even when a later
/// document of the same attempt fails. That saves a write transaction (and its fsync) per document; a process that dies
/// before the outcome commits loses the links with the outcome, and the payload's next attempt, which is a resumed one,
/// finds its documents in QBO by their fingerprints instead (docs/books.md, "Exactly once").
/// </summary>
internal sealed class AttemptLedger(LedgerStore store, TimeProvider time)
{
    private readonly List<LedgerWrite> _writes = [];

    /// <summary>What the attempt will write with its outcome, in order.</summary>
    public IReadOnlyList<LedgerWrite> Writes => _writes;

    /// <summary>The document booked with <paramref name="role"/> under the first of <paramref name="sourceKeys"/> that has one, this attempt's included.</summary>
    public async Task<LedgerLink?> FindAsync(string organizationId, IReadOnlyList<string> sourceKeys, string role, CancellationToken cancellationToken)
    {
        if (sourceKeys.Count == 0)
        {
            return null;
        }

        var rows = (await store.FindAllAsync(organizationId, sourceKeys, role, cancellationToken)).ToList();
        foreach (var write in _writes)
        {
            write.ApplyTo(rows);
        }

        return sourceKeys.Select(key => rows.FirstOrDefault(row => row.OrganizationId == organizationId && row.SourceKey == key && row.Role == role))
            .FirstOrDefault(row => row is not null);
    }

    /// <summary>Every committed document booked under <paramref name="sourceKey"/>: what earlier attempts left, not this one's own.</summary>
    public Task<IReadOnlyList<LedgerLink>> ListCommittedAsync(string organizationId, string sourceKey, CancellationToken cancellationToken) =>
        store.ListForAsync(organizationId, sourceKey, cancellationToken);

    /// <summary>Links the document under every name of its source object; names already linked keep their first document.</summary>
    public void Link(LedgerLink link, IEnumerable<string> sourceKeys)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _writes.Add(new LedgerWrite.Insert([.. sourceKeys.Distinct(StringComparer.Ordinal).Select(key => link with { SourceKey = key, CreatedAt = now, UpdatedAt = now })]));
    }

    /// <summary>Marks the sale paid once its payment is booked, so a later refund knows money was received.</summary>
    public void MarkPaid(string organizationId, string qboType, string qboId) =>
        _writes.Add(new LedgerWrite.MarkedPaid(organizationId, qboType, qboId, time.GetUtcNow().UtcDateTime));

    /// <summary>Records what happened to a document (voided here) and the SyncToken it has since, when known.</summary>
    public void MarkState(string organizationId, string qboType, string qboId, string state, string? syncToken) =>
        _writes.Add(new LedgerWrite.StateChanged(organizationId, qboType, qboId, state, syncToken, time.GetUtcNow().UtcDateTime));

    /// <summary>Moves a document's links aside (<see cref="LedgerWrite.Superseded"/>), so that its names can be linked to another sale.</summary>
    public void Supersede(string organizationId, string qboType, string qboId, string role) =>
        _writes.Add(new LedgerWrite.Superseded(organizationId, qboType, qboId, role, time.GetUtcNow().UtcDateTime));

    /// <summary>Records the totals a document was revised to (an edited order): QBO's and the source's, and its SyncToken since.</summary>
    public void Revise(string organizationId, string qboType, string qboId, decimal total, decimal statedTotal, string? syncToken) =>
        _writes.Add(new LedgerWrite.Revised(organizationId, qboType, qboId, total, statedTotal, syncToken, time.GetUtcNow().UtcDateTime));

    /// <summary>Writes the attempt's links and changes inside the outcome's transaction; nothing when it made none.</summary>
    public Task WriteAsync(DatabaseTransaction transaction, CancellationToken cancellationToken) =>
        _writes.Count == 0 ? Task.CompletedTask : store.WriteAsync(transaction, _writes, cancellationToken);
}
