using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// The accounts a new company starts with. The first three keep the ids existing callers know
/// (1 Services income, 2 Sales of Product Income, 3 Accounts Receivable); then the accounts sales,
/// payments, deposits and tax post to. The tax liability account is named as QBO names it per
/// region (US sales tax payable, CA GST/HST Payable, UK VAT Control, AU GST Liabilities Payable).
/// </summary>
internal static class ChartOfAccounts
{
    public const string UndepositedFunds = "UndepositedFunds";
    public const string Bank = "Bank";
    public const string DiscountsGiven = "DiscountsRefundsGiven";
    public const string ExchangeGainOrLoss = "ExchangeGainOrLoss";

    /// <summary>
    /// Added when multicurrency is turned on: "you will notice a new account named Exchange Gain or Loss in your
    /// Chart of Accounts" (Intuit SLN63815). QBO's type for it is Other Expense.
    /// </summary>
    public static readonly AccountSpec ExchangeGainOrLossAccount = new("Exchange Gain or Loss", "Other Expense", ExchangeGainOrLoss);

    public static IReadOnlyList<AccountSpec> For(Region region) =>
    [
        new("Services", "Income", "ServiceFeeIncome"),
        new("Sales of Product Income", "Income", "SalesOfProductIncome"),
        new("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"),
        new("Undeposited Funds", "Other Current Asset", UndepositedFunds),
        new(BankName(region), "Bank", "Checking"),
        new("Discounts given", "Income", DiscountsGiven),
        new(TaxPayableName(region), "Other Current Liability", region.IsUs ? "SalesTaxPayable" : "GlobalTaxPayable"),
        new("Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"),
        new("Opening Balance Equity", "Equity", "OpeningBalanceEquity"),
    ];

    private static string BankName(Region region) => region.Code switch
    {
        "CA" => "Chequing",
        "GB" => "Current",
        "AU" => "Cheque Account",
        _ => "Checking",
    };

    private static string TaxPayableName(Region region) => region.Code switch
    {
        "CA" => "GST/HST Payable",
        "GB" => "VAT Control",
        "AU" => "GST Liabilities Payable",
        _ => "Sales Tax Payable",
    };
}

internal sealed record AccountSpec(string Name, string AccountType, string AccountSubType);
