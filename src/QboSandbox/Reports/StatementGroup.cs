using System.Text.Json.Nodes;

namespace QboSandbox.Reports;

/// <summary>
/// A section of the ProfitAndLoss or BalanceSheet report (its <c>group</c>, as Intuit's Report reference names them,
/// and its titles): either the accounts of some AccountTypes or further groups. A section without rows is left out
/// unless it is <see cref="Always"/> shown, as the samples show an empty Expenses section and no COGS one.
/// </summary>
internal sealed record StatementGroup(string Group, string Title, string SummaryTitle, string[] AccountTypes, StatementGroup[] Children, bool Always = false)
{
    public static StatementGroup OfAccounts(string group, string title, params string[] accountTypes) =>
        new(group, title, "Total " + title, accountTypes, []);

    public static StatementGroup Of(string group, string title, string summaryTitle, params StatementGroup[] children) =>
        new(group, title, summaryTitle, [], children);

    /// <summary>The section with its rows and what they come to, or null when it has no rows and need not be shown.</summary>
    public (JsonObject? Section, decimal Total) Build(IReadOnlyList<JsonObject> accounts, Func<string, decimal> amount)
    {
        JsonArray rows;
        decimal total;
        if (Children.Length == 0)
        {
            var mine = accounts.Where(a => AccountTypes.Contains(a["AccountType"]?.GetValue<string>())).ToList();
            (rows, total) = AccountRows.Build(mine, amount);
        }
        else
        {
            rows = [];
            total = 0m;
            foreach (var child in Children)
            {
                var (section, childTotal) = child.Build(accounts, amount);
                if (section is not null)
                {
                    rows.Add(section);
                    total += childTotal;
                }
            }
        }

        return rows.Count == 0 && !Always ? (null, 0m) : (ReportJson.Section(Group, Title, null, rows, SummaryTitle, total), total);
    }
}
