using System.Text.Json.Nodes;
using QboSandbox.Ledger;

namespace QboSandbox.Reports;

/// <summary>
/// The rows of one statement section: a Data row for each account with an amount, by name. A parent account whose
/// sub-accounts (ParentRef, within the section) have amounts becomes a Section of its own, as Intuit's ProfitAndLoss
/// sample nests "Fountains and Garden Lighting" under "Job Materials" under "Landscaping Services": a Header with its
/// id and name, its own amount as a row of its name, its sub-accounts, and "Total {name}".
/// </summary>
internal static class AccountRows
{
    public static (JsonArray Rows, decimal Total) Build(IReadOnlyList<JsonObject> accounts, Func<string, decimal> amount)
    {
        var ids = accounts.Select(Documents.Id).ToHashSet(StringComparer.Ordinal);
        var children = accounts.Where(a => ParentIn(a, ids) is not null).ToLookup(a => ParentIn(a, ids)!, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new JsonArray();
        var total = Add(rows, accounts.Where(a => ParentIn(a, ids) is null), children, amount, seen);

        // Accounts whose parents name each other in a cycle have no root: they are listed at the top rather than lost.
        total += Add(rows, accounts.Where(a => !seen.Contains(Documents.Id(a))).ToList(), children, amount, seen);
        return (rows, total);
    }

    /// <summary>Adds the accounts' rows (and their sub-accounts') to <paramref name="rows"/>; returns what they come to.</summary>
    private static decimal Add(
        JsonArray rows, IEnumerable<JsonObject> accounts, ILookup<string, JsonObject> children, Func<string, decimal> amount, HashSet<string> seen)
    {
        decimal total = 0;
        foreach (var account in accounts.OrderBy(Name, StringComparer.OrdinalIgnoreCase).ThenBy(Documents.Id, StringComparer.Ordinal))
        {
            var id = Documents.Id(account);
            if (!seen.Add(id))
            {
                continue;
            }

            var own = amount(id);
            var subRows = new JsonArray();
            var subTotal = Add(subRows, children[id], children, amount, seen);
            total += own + subTotal;
            if (subRows.Count == 0)
            {
                if (own != 0m)
                {
                    rows.Add(ReportJson.DataRow(Name(account), id, own));
                }

                continue;
            }

            if (own != 0m)
            {
                subRows.Insert(0, ReportJson.DataRow(Name(account), id, own));
            }

            rows.Add(ReportJson.Section(null, Name(account), id, subRows, "Total " + Name(account), own + subTotal));
        }

        return total;
    }

    private static string? ParentIn(JsonObject account, HashSet<string> ids) =>
        Documents.RefValue(account, "ParentRef") is { } parent && ids.Contains(parent) && parent != Documents.Id(account) ? parent : null;

    private static string Name(JsonObject account) => account["Name"]?.GetValue<string>() ?? "";
}
