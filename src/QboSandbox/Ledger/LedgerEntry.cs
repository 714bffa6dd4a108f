namespace QboSandbox.Ledger;

/// <summary>
/// What one stored transaction posts, in the company's home currency: debits positive, credits negative, so
/// the postings of an entry add up to zero. Entries are derived from the documents every time (never stored),
/// so updates, voids and deletes are reflected by construction.
/// </summary>
internal sealed record LedgerEntry(string TxnType, string TxnId, DateOnly TxnDate, IReadOnlyList<Posting> Postings);

/// <summary>
/// One account's side of an entry: <see cref="Amount"/> in home currency, debit positive, credit negative;
/// <see cref="Memo"/> the description of the document line it comes from, if any (the GeneralLedger report shows it).
/// </summary>
internal sealed record Posting(string AccountId, decimal Amount, string? Memo = null);
