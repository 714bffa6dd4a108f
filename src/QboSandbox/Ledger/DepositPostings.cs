using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// Deposit (Intuit's Deposit reference): Dr DepositToAccountRef; a line that moves a payment or sales receipt
/// credits the account that transaction was received into (Undeposited Funds unless it said otherwise) for that
/// transaction's home amount, so Undeposited Funds empties exactly; a line naming an account credits that account
/// (converted at the deposit's rate). The bank is debited with the sum, so the entry always balances.
/// </summary>
internal static class DepositPostings
{
    public static LedgerEntry For(Company company, JsonObject deposit, LedgerAccounts accounts)
    {
        var rate = Documents.Rate(deposit);
        var credits = new List<Posting>();
        foreach (var line in Documents.Lines(deposit))
        {
            if ((line["LinkedTxn"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is { } link)
            {
                var source = company.Table(link["TxnType"]?.GetValue<string>() ?? "").Find(link["TxnId"]?.GetValue<string>() ?? "");
                var home = source is null
                    ? Money.Round(Documents.Amount(line, "Amount") * rate)
                    : Money.Round(Documents.Amount(source, "TotalAmt") * Documents.Rate(source));
                credits.Add(new Posting(accounts.Existing(Documents.RefValue(source, "DepositToAccountRef"), accounts.UndepositedFunds), -home));
            }
            else
            {
                var account = Documents.RefValue(line["DepositLineDetail"] as JsonObject, "AccountRef");
                credits.Add(new Posting(accounts.Existing(account, accounts.UndepositedFunds), -Money.Round(Documents.Amount(line, "Amount") * rate)));
            }
        }

        var bank = new Posting(accounts.Existing(Documents.RefValue(deposit, "DepositToAccountRef"), accounts.UndepositedFunds), -credits.Sum(c => c.Amount));
        return new LedgerEntry(EntityNames.Deposit, Documents.Id(deposit), Documents.Date(deposit), [.. new[] { bank }.Concat(credits).Where(p => p.Amount != 0m)]);
    }
}
