using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>Net postings per account (home currency, debit positive) over a range of transaction dates.</summary>
internal static class AccountBalances
{
    /// <summary>Sums the postings dated from <paramref name="from"/> (null: the beginning) to <paramref name="to"/> (null: the end), inclusive.</summary>
    public static Dictionary<string, decimal> Net(IEnumerable<LedgerEntry> entries, DateOnly? from = null, DateOnly? to = null)
    {
        var net = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => (from is null || e.TxnDate >= from) && (to is null || e.TxnDate <= to)))
        {
            foreach (var posting in entry.Postings)
            {
                net[posting.AccountId] = net.GetValueOrDefault(posting.AccountId) + posting.Amount;
            }
        }

        return net;
    }

    /// <summary>Income and expense accounts (QBO's Classification Revenue and Expense): their balances close into retained earnings.</summary>
    public static bool IsProfitAndLoss(JsonObject account) =>
        account["Classification"]?.GetValue<string>() is "Revenue" or "Expense";

    /// <summary>
    /// Asset and expense accounts, whose natural balance is a debit; liability, equity and income accounts show credits as
    /// positive.
    /// </summary>
    public static bool IsDebitNormal(JsonObject account) =>
        account["Classification"]?.GetValue<string>() is "Asset" or "Expense";

    public static IReadOnlyList<JsonObject> Accounts(Company company) => company.Table(EntityNames.Account).Rows;
}
