namespace AccountingIntegration.Features.Books;

/// <summary>
/// One write an attempt makes to the ledger, kept until its outcome is recorded. <see cref="ApplyTo"/> does to rows in
/// memory what <see cref="LedgerStore.WriteAsync"/> does to the table, so the attempt reads its own writes.
/// </summary>
internal abstract record LedgerWrite
{
    public abstract void ApplyTo(List<LedgerLink> rows);

    /// <summary>New links, one per name of the source object; insert-or-ignore, so a name already linked keeps its document.</summary>
    public sealed record Insert(IReadOnlyList<LedgerLink> Rows) : LedgerWrite
    {
        public override void ApplyTo(List<LedgerLink> rows) =>
            rows.AddRange([.. Rows.Where(row => !rows.Exists(r => r.OrganizationId == row.OrganizationId && r.SourceKey == row.SourceKey && r.Role == row.Role))]);
    }

    /// <summary>Every link of one document marked paid.</summary>
    public sealed record MarkedPaid(string OrganizationId, string QboType, string QboId, DateTime Now) : LedgerWrite
    {
        public override void ApplyTo(List<LedgerLink> rows) => Change(rows, OrganizationId, QboType, QboId, row => row with { Paid = true, UpdatedAt = Now });
    }

    /// <summary>Every link of one document given a new state, and its SyncToken when known.</summary>
    public sealed record StateChanged(string OrganizationId, string QboType, string QboId, string NewState, string? SyncToken, DateTime Now) : LedgerWrite
    {
        public override void ApplyTo(List<LedgerLink> rows) =>
            Change(rows, OrganizationId, QboType, QboId, row => row with { State = NewState, SyncToken = SyncToken ?? row.SyncToken, UpdatedAt = Now });
    }

    /// <summary>Every link of one document given the totals it was revised to (QBO's and the source's), with its SyncToken since.</summary>
    public sealed record Revised(string OrganizationId, string QboType, string QboId, decimal Total, decimal StatedTotal, string? SyncToken, DateTime Now)
        : LedgerWrite
    {
        public override void ApplyTo(List<LedgerLink> rows) =>
            Change(rows, OrganizationId, QboType, QboId,
                row => row with { Total = Total, StatedTotal = StatedTotal, SyncToken = SyncToken ?? row.SyncToken, UpdatedAt = Now });
    }

    /// <summary>
    /// Every link of one document, booked as <paramref name="Role"/>, moved aside to <see cref="SupersededRole"/>: the document
    /// stays known by its names (its state, its payload), but they are free for the sale that the same money belongs to.
    /// </summary>
    public sealed record Superseded(string OrganizationId, string QboType, string QboId, string Role, DateTime Now) : LedgerWrite
    {
        public string SupersededRole => $"superseded:{QboType}:{QboId}:{Role}";

        public override void ApplyTo(List<LedgerLink> rows) =>
            Change(rows, OrganizationId, QboType, QboId, row => row.Role == Role ? row with { Role = SupersededRole, UpdatedAt = Now } : row);
    }

    private static void Change(List<LedgerLink> rows, string organizationId, string qboType, string qboId, Func<LedgerLink, LedgerLink> change)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].OrganizationId == organizationId && rows[i].QboType == qboType && rows[i].QboId == qboId)
            {
                rows[i] = change(rows[i]);
            }
        }
    }
}
