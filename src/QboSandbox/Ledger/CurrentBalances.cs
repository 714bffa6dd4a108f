using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// Account.CurrentBalance and CurrentBalanceWithSubAccounts, read-only in QBO, filled from the ledger whenever an
/// account leaves the sandbox (read, query, batch, CDC, control API). QBO's sign: debit minus credit, so a
/// liability owed is negative — Intuit's Account reference reads Accounts Payable as "CurrentBalance": -1091.23,
/// and a community capture of a sandbox company's accounts shows its A/P of 1,602.67 owed as -1602.67 beside A/R
/// 5281.52. "Valid for Balance Sheet accounts" (same reference): income and expense accounts report 0 (the same
/// capture shows an expense account at 0).
/// Amounts are in home currency.
/// </summary>
internal static class CurrentBalances
{
    /// <summary>Copies of the accounts with their balances (call under the gate).</summary>
    public static List<JsonObject> Fill(Company company, IEnumerable<JsonObject> accounts)
    {
        var net = AccountBalances.Net(GeneralLedger.Entries(company));
        var all = AccountBalances.Accounts(company);
        return [.. accounts.Select(account =>
        {
            var copy = account.DeepClone().AsObject();
            copy["CurrentBalance"] = Own(account, net);
            copy["CurrentBalanceWithSubAccounts"] = WithSubAccounts(account, all, net, []);
            return copy;
        })];
    }

    private static decimal Own(JsonObject account, Dictionary<string, decimal> net) =>
        AccountBalances.IsProfitAndLoss(account) ? 0m : net.GetValueOrDefault(Documents.Id(account));

    /// <summary>The account and its sub-accounts (ParentRef), each counted once even if a client sent a cycle.</summary>
    private static decimal WithSubAccounts(JsonObject account, IReadOnlyList<JsonObject> all, Dictionary<string, decimal> net, HashSet<string> seen)
    {
        var id = Documents.Id(account);
        if (!seen.Add(id))
        {
            return 0m;
        }

        var total = Own(account, net);
        foreach (var child in all.Where(a => Documents.RefValue(a, "ParentRef") == id))
        {
            total += WithSubAccounts(child, all, net, seen);
        }

        return total;
    }
}
