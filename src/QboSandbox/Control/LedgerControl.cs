using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Control;

/// <summary>
/// GET /_sandbox/companies/{realmId}/ledger: every account's balance from the ledger, for tests that check the books.
/// Balances are in home currency with each account's natural sign: debit-positive for assets and expenses,
/// credit-positive for liabilities, equity and income (so a sale shows as positive A/R and positive income), over all
/// dates. Totals are the trial balance's: the sum of debit balances and of credit balances, equal when the books balance.
/// </summary>
internal static class LedgerControl
{
    public static void MapLedgerControl(this RouteGroupBuilder control) =>
        control.MapGet("/companies/{realmId}/ledger", ReadLedger).WithName("SandboxReadLedger");

    private static IResult ReadLedger(string realmId, SandboxState state)
    {
        if (state.Companies.Find(realmId) is not { } company)
        {
            return ControlJson.Error(StatusCodes.Status404NotFound, $"No company {realmId}.");
        }

        lock (company.Gate)
        {
            var net = AccountBalances.Net(GeneralLedger.Entries(company));
            var accounts = AccountBalances.Accounts(company).Select(a =>
            {
                var classification = a["Classification"]?.GetValue<string>() ?? "";
                var debitBalance = net.GetValueOrDefault(a["Id"]!.GetValue<string>());
                return new LedgerAccount(
                    a["Id"]!.GetValue<string>(),
                    a["Name"]?.GetValue<string>() ?? "",
                    a["AccountType"]?.GetValue<string>() ?? "",
                    classification,
                    AccountBalances.IsDebitNormal(a) ? debitBalance : -debitBalance);
            }).ToList();
            var totals = new LedgerTotals(net.Values.Where(v => v > 0).Sum(), -net.Values.Where(v => v < 0).Sum());
            return ControlJson.Ok(new LedgerView(accounts, totals));
        }
    }
}

internal sealed record LedgerView(IReadOnlyList<LedgerAccount> Accounts, LedgerTotals Totals);

internal sealed record LedgerAccount(string Id, string Name, string AccountType, string Classification, decimal Balance);

internal sealed record LedgerTotals(decimal Debit, decimal Credit);
