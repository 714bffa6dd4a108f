using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// The company's double-entry ledger, recomputed from the stored transactions on every call (call under the
/// company's gate). Voided documents have their amounts zeroed and post nothing; deleted ones are gone from their
/// tables and post nothing; an update is just the document as it is now.
/// </summary>
internal static class GeneralLedger
{
    private static readonly string[] SalesForms =
        [EntityNames.Invoice, EntityNames.SalesReceipt, EntityNames.CreditMemo, EntityNames.RefundReceipt];

    public static IReadOnlyList<LedgerEntry> Entries(Company company)
    {
        var accounts = new LedgerAccounts(company);
        var entries = new List<LedgerEntry>();
        foreach (var entity in SalesForms.Where(company.HasTable))
        {
            entries.AddRange(company.Table(entity).Rows.Select(row => SalesFormPostings.For(entity, row, accounts)));
        }

        if (company.HasTable(EntityNames.Payment))
        {
            var schedule = new ApplicationSchedule(company);
            entries.AddRange(company.Table(EntityNames.Payment).Rows.Select(row => PaymentPostings.For(row, accounts, schedule)));
        }

        if (company.HasTable(EntityNames.Deposit))
        {
            entries.AddRange(company.Table(EntityNames.Deposit).Rows.Select(row => DepositPostings.For(company, row, accounts)));
        }

        return entries;
    }
}
