using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace QboSandbox.Tests.Support;

/// <summary>Reads a company's books the ways tests can: the control ledger and QBO's TrialBalance, ProfitAndLoss and BalanceSheet reports.</summary>
internal static class Bookkeeping
{
    /// <summary>A US company with sales tax on (California 8 %) and the demo items and customers.</summary>
    public const string TaxedUs = """{"country":"US","salesTaxEnabled":true}""";

    public const string TaxedLine = """
        {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"TAX"}}}
        """;

    /// <summary>Invoice to customer 1: 100 of Services (income account 1), taxable.</summary>
    public const string TaxedInvoice = """{"CustomerRef":{"value":"1"},"Line":[""" + TaxedLine + "]}";

    public static string Payment(decimal total, params (string Type, string Id, decimal Amount)[] links) =>
        "{\"CustomerRef\":{\"value\":\"1\"},\"TotalAmt\":" + Text(total) + ",\"Line\":[" + string.Join(",", links.Select(l =>
            "{\"Amount\":" + Text(l.Amount) + ",\"LinkedTxn\":[{\"TxnId\":\"" + l.Id + "\",\"TxnType\":\"" + l.Type + "\"}]}")) + "]}";

    public static string Text(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>Invoice to customer 1 dated <paramref name="date"/>: one line of <paramref name="amount"/> of an item (1, Services, by default).</summary>
    public static string InvoiceOn(string date, decimal amount, string item = "1") => $$"""
        {"CustomerRef":{"value":"1"},"TxnDate":"{{date}}","Line":[{"DetailType":"SalesItemLineDetail","Amount":{{Text(amount)}},"SalesItemLineDetail":{"ItemRef":{"value":"{{item}}"} } }]}
        """;

    /// <summary>GET /_sandbox/companies/{realm}/ledger, asserting its totals balance.</summary>
    public static async Task<JsonObject> LedgerAsync(TestSandbox sandbox, string realm)
    {
        using var response = await sandbox.Http.GetAsync($"_sandbox/companies/{realm}/ledger");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ledger = await TestSandbox.JsonAsync(response);
        Assert.Equal(ledger["totals"]!["debit"]!.GetValue<decimal>(), ledger["totals"]!["credit"]!.GetValue<decimal>());
        return ledger;
    }

    /// <summary>An account's balance in the control ledger (natural sign: assets debit-positive, liabilities and income credit-positive).</summary>
    public static decimal Balance(JsonObject ledger, string accountName) =>
        ledger["accounts"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == accountName)!["balance"]!.GetValue<decimal>();

    /// <summary>GET reports/TrialBalance, asserting that its TOTAL row's debits equal its credits and the rows add up to them.</summary>
    public static async Task<JsonObject> TrialBalanceAsync(TestSandbox sandbox, string token, string realm, string query = "")
    {
        using var response = await sandbox.GetAsync(token, "reports/TrialBalance" + query, realm);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!.AsObject();
        var rows = report["Rows"]!["Row"]?.AsArray() ?? [];
        var data = rows.Where(r => r!["ColData"] is not null).ToList();
        var debits = data.Sum(r => Amount(r!["ColData"]![1]!));
        var credits = data.Sum(r => Amount(r!["ColData"]![2]!));
        Assert.Equal(debits, credits);
        if (data.Count > 0)
        {
            var total = rows.Single(r => r!["group"]?.GetValue<string>() == "GrandTotal")!["Summary"]!["ColData"]!.AsArray();
            Assert.Equal("TOTAL", total[0]!["value"]!.GetValue<string>());
            Assert.Equal(debits, Amount(total[1]!));
            Assert.Equal(credits, Amount(total[2]!));
        }

        return report;
    }

    /// <summary>The (debit, credit) cells of an account's trial balance row, or null when the account has no row.</summary>
    public static (string Debit, string Credit)? Row(JsonObject report, string accountName)
    {
        var row = (report["Rows"]!["Row"]?.AsArray() ?? []).FirstOrDefault(r => r!["ColData"]?[0]!["value"]!.GetValue<string>() == accountName);
        return row is null ? null : (row["ColData"]![1]!["value"]!.GetValue<string>(), row["ColData"]![2]!["value"]!.GetValue<string>());
    }

    /// <summary>
    /// GET reports/{name} of a statement (ProfitAndLoss, BalanceSheet), asserting that every section's Summary is what
    /// its rows come to (a Data row's amount, a sub-section's Summary).
    /// </summary>
    public static async Task<JsonObject> StatementAsync(TestSandbox sandbox, string token, string realm, string name, string query = "")
    {
        using var response = await sandbox.GetAsync(token, "reports/" + name + query, realm);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!.AsObject();
        foreach (var row in AllRows(report).Where(r => r["Rows"] is not null && r["Summary"] is not null))
        {
            var parts = row["Rows"]!["Row"]!.AsArray().OfType<JsonObject>()
                .Sum(r => Amount((r["ColData"] ?? r["Summary"]!["ColData"])![1]!));
            Assert.Equal(parts, Amount(row["Summary"]!["ColData"]![1]!));
        }

        return report;
    }

    /// <summary>The amount beside a title anywhere in a statement: a Data row's, or a Summary's ("Total Income"); null when absent.</summary>
    public static string? Value(JsonObject report, string title)
    {
        foreach (var row in AllRows(report))
        {
            foreach (var cells in new[] { row["ColData"], row["Summary"]?["ColData"] })
            {
                if (cells?[0]?["value"]?.GetValue<string>() == title)
                {
                    return cells[1]!["value"]!.GetValue<string>();
                }
            }
        }

        return null;
    }

    /// <summary>The section (or summary row) of a group, anywhere in a statement.</summary>
    public static JsonObject Group(JsonObject report, string group) =>
        AllRows(report).Single(r => r["group"]?.GetValue<string>() == group);

    /// <summary>The groups of a statement's top-level rows, in order.</summary>
    public static IEnumerable<string?> TopGroups(JsonObject report) =>
        (report["Rows"]!["Row"]?.AsArray() ?? []).Select(r => r!["group"]?.GetValue<string>());

    private static IEnumerable<JsonObject> AllRows(JsonNode? container)
    {
        foreach (var row in (container?["Rows"]?["Row"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            yield return row;
            foreach (var inner in AllRows(row))
            {
                yield return inner;
            }
        }
    }

    private static decimal Amount(JsonNode cell) =>
        cell["value"]!.GetValue<string>() is { Length: > 0 } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;
}
