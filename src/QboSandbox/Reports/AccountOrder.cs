using System.Text.Json.Nodes;

namespace QboSandbox.Reports;

/// <summary>
/// The order QBO's account reports list accounts in: balance sheet types first (bank, receivables, other assets,
/// payables, other liabilities, equity), then income and expense types, by name within a type (Intuit's TrialBalance
/// sample lists Checking, then Meals and Entertainment, then QuickBooks Payments Fees).
/// </summary>
internal static class AccountOrder
{
    private static readonly string[] Types =
    [
        "Bank", "Accounts Receivable", "Other Current Asset", "Fixed Asset", "Other Asset", "Accounts Payable",
        "Credit Card", "Other Current Liability", "Long Term Liability", "Equity", "Income", "Cost of Goods Sold",
        "Expense", "Other Income", "Other Expense",
    ];

    public static int TypeRank(string? accountType)
    {
        var index = Array.IndexOf(Types, accountType);
        return index < 0 ? Types.Length : index;
    }

    public static IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> accounts) =>
        accounts.OrderBy(a => TypeRank(a["AccountType"]?.GetValue<string>()))
            .ThenBy(a => DisplayName(a), StringComparer.OrdinalIgnoreCase);

    public static string DisplayName(JsonObject account) =>
        account["FullyQualifiedName"]?.GetValue<string>() ?? account["Name"]?.GetValue<string>() ?? "";
}
