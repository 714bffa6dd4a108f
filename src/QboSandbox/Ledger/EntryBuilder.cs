using QboSandbox.Books;

namespace QboSandbox.Ledger;

/// <summary>
/// Collects the postings of one document in its own currency and converts them to home currency at the
/// document's ExchangeRate, each to the cent. The first posting is the document's anchor (A/R or the deposit
/// account: the amount QBO shows as HomeTotalAmt); the cents that separate rounded parts from the rounded
/// whole go to the largest other posting, so every entry balances exactly.
/// </summary>
internal sealed class EntryBuilder(string txnType, string txnId, DateOnly txnDate, decimal exchangeRate)
{
    private readonly List<Posting> _postings = [];

    public EntryBuilder Debit(string accountId, decimal amount, string? memo = null) => Add(accountId, amount, memo);

    public EntryBuilder Credit(string accountId, decimal amount, string? memo = null) => Add(accountId, -amount, memo);

    public LedgerEntry Build()
    {
        var home = _postings.Select(p => p with { Amount = Money.Round(p.Amount * exchangeRate) }).ToList();
        var residue = home.Sum(p => p.Amount);
        if (residue != 0m && home.Count > 1)
        {
            var largest = home.Skip(1).Select((p, i) => (p, i: i + 1)).MaxBy(x => Math.Abs(x.p.Amount)).i;
            home[largest] = home[largest] with { Amount = home[largest].Amount - residue };
        }

        return new LedgerEntry(txnType, txnId, txnDate, [.. home.Where(p => p.Amount != 0m)]);
    }

    private EntryBuilder Add(string accountId, decimal amount, string? memo)
    {
        _postings.Add(new Posting(accountId, amount, memo));
        return this;
    }
}
