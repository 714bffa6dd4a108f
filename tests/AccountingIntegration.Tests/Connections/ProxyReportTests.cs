using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Connections;

/// <summary>
/// QBO reports through the proxy: an organization reads its own books as QuickBooks reports them (the trial balance, the
/// general ledger), with the parameters it gives, from the service on Kestrel against the sandbox, on both databases.
/// </summary>
public sealed class ProxyReportTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>An order of 50.00, placed and paid on 2026-03-01: an invoice and its payment into Undeposited Funds.</summary>
    private const string PaidOrder = """
        { "id": "evt_1", "type": "order.paid", "occurredAt": "2026-03-01T10:00:00Z",
          "order": { "id": "ord_1", "number": "1001", "date": "2026-03-01", "currency": "USD",
                     "customer": { "name": "Jo Bloggs", "email": "jo@example.com" },
                     "lines": [ { "sku": "WIDGET", "description": "Widget", "unitPrice": "50.00" } ], "total": "50.00" },
          "payment": { "id": "pay_1", "date": "2026-03-01" } }
        """;

    private const string March = "start_date=2026-03-01&end_date=2026-03-31";

    private static async Task<JsonElement> ReportAsync(PipelineWorld world, string path)
    {
        // The company's budget runs on the world's clock: keep it moving while the read may wait for its share.
        using var response = await world.Pump.WhileAsync(world.Client.GetAsync($"/api/v1/org/{world.Slug}/proxy/reports/{path}"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("data");
    }

    private static IEnumerable<string> Values(JsonElement cells) => cells.EnumerateArray().Select(c => c.GetProperty("value").GetString()!);

    [Theory, BothDatabases]
    public async Task Reports_ThePaidOrder_AsQuickBooksReportsIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        var sale = await world.DeliverAsync(PaidOrder);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var trial = await ReportAsync(world, "trialbalance?" + March);
        var ledger = await ReportAsync(world, "GeneralLedger?" + March + "&source_account_type=AccountsReceivable,OtherCurrentAsset");

        // The trial balance of March: the money in Undeposited Funds, the sale in income, nothing left receivable.
        Assert.Equal("TrialBalance", trial.GetProperty("Header").GetProperty("ReportName").GetString());
        Assert.Equal("2026-03-01", trial.GetProperty("Header").GetProperty("StartPeriod").GetString());
        var rows = trial.GetProperty("Rows").GetProperty("Row").EnumerateArray().ToList();
        var accounts = rows.Where(r => r.TryGetProperty("ColData", out _)).ToDictionary(r => Values(r.GetProperty("ColData")).First(), r => Values(r.GetProperty("ColData")).Skip(1).ToArray());
        Assert.Equal(["50.00", ""], accounts["Undeposited Funds"]);
        Assert.DoesNotContain("Accounts Receivable (A/R)", accounts.Keys);
        Assert.Equal(["TOTAL", "50.00", "50.00"], Values(rows[^1].GetProperty("Summary").GetProperty("ColData")));

        // The general ledger of the two accounts asked for: the invoice raised A/R and its payment cleared it into Undeposited Funds.
        var sections = ledger.GetProperty("Rows").GetProperty("Row").EnumerateArray().ToList();
        Assert.Equal(["Accounts Receivable (A/R)", "Undeposited Funds"], sections.Select(s => Values(s.GetProperty("Header").GetProperty("ColData")).First()));
        var receivable = sections[0].GetProperty("Rows").GetProperty("Row").EnumerateArray().Select(r => Values(r.GetProperty("ColData")).ToArray()).ToList();
        Assert.Equal(["Invoice", "Payment"], receivable.Skip(1).Select(r => r[1]));
        Assert.Equal(["50.00", "-50.00"], receivable.Skip(1).Select(r => r[6]));
        Assert.Equal("0.00", receivable[^1][7]);
    }

    [Fact]
    public async Task Reports_QuickBooksRefusesTheParameters_Answers502WithItsReason()
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite), "orders");

        using var response = await world.Pump.WhileAsync(world.Client.GetAsync($"/api/v1/org/{world.Slug}/proxy/reports/ProfitAndLoss?accounting_method=Cash"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("QBO_ERROR", problem.GetProperty("code").GetString());
        Assert.Equal("500", problem.GetProperty("qbo").GetProperty("code").GetString());
    }
}
