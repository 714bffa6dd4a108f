using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// The accounts QBO posts to without the document naming them: Accounts Receivable, Undeposited Funds,
/// Discounts given, the sales tax liability, Exchange Gain or Loss, and each item's income account.
/// Inactive accounts still count: a balance does not disappear when an account is hidden.
/// </summary>
internal sealed class LedgerAccounts
{
    private readonly Company _company;
    private readonly IReadOnlyList<JsonObject> _accounts;

    public LedgerAccounts(Company company)
    {
        _company = company;
        _accounts = company.Table(EntityNames.Account).Rows;
        Receivable = IdWhere("AccountType", "Accounts Receivable") ?? "";
        UndepositedFunds = IdWhere("AccountSubType", ChartOfAccounts.UndepositedFunds) ?? Receivable;
        DiscountsGiven = IdWhere("AccountSubType", ChartOfAccounts.DiscountsGiven) ?? IdWhere("AccountType", "Income") ?? Receivable;
        TaxPayable = IdWhere("AccountSubType", "SalesTaxPayable") ?? IdWhere("AccountSubType", "GlobalTaxPayable") ?? Receivable;
        ExchangeGainOrLoss = IdWhere("AccountSubType", ChartOfAccounts.ExchangeGainOrLoss);
    }

    public string Receivable { get; }

    public string UndepositedFunds { get; }

    public string DiscountsGiven { get; }

    /// <summary>
    /// Where every tax agency's sales tax accrues. QBO keeps one liability account per agency (Intuit's sample
    /// company has "Board of Equalization Payable"); the sandbox's regions have one tax liability account each,
    /// so every agency of the company shares it.
    /// </summary>
    public string TaxPayable { get; }

    /// <summary>Created when multicurrency is turned on (Intuit SLN63815); null on companies without it.</summary>
    public string? ExchangeGainOrLoss { get; }

    /// <summary>The item's IncomeAccountRef (required on every item, ItemRules), read as the item is now.</summary>
    public string IncomeOf(string? itemId)
    {
        var item = itemId is null ? null : _company.Table(EntityNames.Item).Find(itemId);
        return Documents.RefValue(item, "IncomeAccountRef") ?? IdWhere("AccountType", "Income") ?? Receivable;
    }

    /// <summary>A referenced account if it still exists, else the fallback.</summary>
    public string Existing(string? accountId, string fallback) =>
        accountId is not null && _company.Table(EntityNames.Account).Find(accountId) is not null ? accountId : fallback;

    private string? IdWhere(string field, string value) =>
        _accounts.FirstOrDefault(a => string.Equals(a[field]?.GetValue<string>(), value, StringComparison.Ordinal)) is { } row
            ? Documents.Id(row)
            : null;
}
