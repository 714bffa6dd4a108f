namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// A QuickBooks report the console shows for an organization: its path under the organization's page, Intuit's report
/// name (read through the proxy) and what it tells an operator checking what the sync has written.
/// </summary>
public sealed record ConsoleReport(string Path, string QboName, string Title, string Explanation)
{
    public static IReadOnlyList<ConsoleReport> All { get; } =
    [
        new("trial-balance", "TrialBalance", "Trial balance",
            "Each account's balance, debits and credits: balance sheet accounts at the end of the period, income and expense "
            + "accounts what the period moved. Debits equal credits when the books balance."),
        new("profit-and-loss", "ProfitAndLoss", "Profit and loss",
            "The period's income and expenses, account by account, and the net income they leave."),
        new("balance-sheet", "BalanceSheet", "Balance sheet",
            "What the company owns and owes at the end of the period: assets, liabilities and equity, the period's net "
            + "income included."),
        new("general-ledger", "GeneralLedger", "General ledger",
            "Every posting of the period, account by account: each document, its amount and the account's running balance. "
            + "Where to look when a balance above is not what was expected."),
    ];

    public static ConsoleReport? Of(string path) => All.FirstOrDefault(report => report.Path == path);
}
