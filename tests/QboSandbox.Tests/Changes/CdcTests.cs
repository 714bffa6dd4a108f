using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Changes;

/// <summary>
/// GET …/cdc as Intuit's "Change data capture operation" page documents it (30-day lookback, 1,000 objects,
/// deleted entities with status "Deleted") in the CDCResponse → QueryResponse shape python-quickbooks' cdc.py reads.
/// </summary>
public sealed class CdcTests
{
    // One hour after the demo company was seeded, in the company's (Pacific) time.
    private const string AfterSeed = "2015-07-24T11:33:39-07:00";

    [Fact]
    public async Task Cdc_AfterCreateUpdateDelete_ListsChangedRowsAndTombstones()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Time.Advance(TimeSpan.FromHours(1));
        var token = await sandbox.ConnectAsync();
        var kept = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        var deleted = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        await sandbox.CreateAsync(token, "Customer", """{"Id":"2","SyncToken":"0","sparse":true,"Notes":"changed"}""");
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        using (var delete = await sandbox.PostAsync(token, "invoice?operation=delete", $$"""{"Id":"{{deleted["Id"]}}","SyncToken":"0"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        var body = await CdcAsync(sandbox, token, "Invoice,Customer,Item", AfterSeed);

        var queryResponses = body["CDCResponse"]![0]!["QueryResponse"]!.AsArray();
        Assert.Equal(2, queryResponses.Count);
        var invoices = queryResponses[0]!["Invoice"]!.AsArray();
        Assert.Equal([kept["Id"]!.GetValue<string>(), deleted["Id"]!.GetValue<string>()], invoices.Select(i => i!["Id"]!.GetValue<string>()));
        Assert.Equal(100m, invoices[0]!["TotalAmt"]!.GetValue<decimal>());
        var tombstone = invoices[1]!.AsObject();
        Assert.Equal("Deleted", tombstone["status"]!.GetValue<string>());
        Assert.Equal("QBO", tombstone["domain"]!.GetValue<string>());
        Assert.Equal("2015-07-24T11:38:39-07:00", tombstone["MetaData"]!["LastUpdatedTime"]!.GetValue<string>());
        Assert.Equal(2, queryResponses[0]!["maxResults"]!.GetValue<int>());
        var customers = queryResponses[1]!["Customer"]!.AsArray();
        Assert.Equal("changed", Assert.Single(customers)!["Notes"]!.GetValue<string>());
        Assert.NotNull(body["time"]);
    }

    [Fact]
    public async Task Cdc_NothingChanged_AnswersOneEmptyQueryResponse()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Time.Advance(TimeSpan.FromHours(2));
        var token = await sandbox.ConnectAsync();

        var body = await CdcAsync(sandbox, token, "Invoice,Customer", AfterSeed);

        Assert.Equal("""[{"QueryResponse":[{}]}]""", body["CDCResponse"]!.ToJsonString());
    }

    [Fact]
    public async Task Cdc_DateOnly_MeansMidnightInTheCompanysTimeZone()
    {
        // Intuit's page: "The date format is ISO (YYYY-MM-DD)".
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var body = await CdcAsync(sandbox, token, "Customer", "2015-07-24");

        Assert.Equal(4, body["CDCResponse"]![0]!["QueryResponse"]![0]!["Customer"]!.AsArray().Count);
    }

    [Fact]
    public async Task Cdc_MoreThanThirtyDaysBack_IsRefused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Time.Advance(TimeSpan.FromDays(31));
        var token = await sandbox.ConnectAsync();

        using var tooOld = await sandbox.GetAsync(token, "cdc?entities=Customer&changedSince=2015-07-24T10:33:39-07:00");
        var thirtyDays = await CdcAsync(sandbox, token, "Customer", "2015-07-25T10:33:39-07:00");

        var error = await TestSandbox.FaultAsync(tooOld, HttpStatusCode.BadRequest, "500");
        Assert.Equal(
            "Operation cdc with changedSince date 2015-07-24T10:33:39-07:00 which is older than fixed days is not supported.",
            error["Detail"]!.GetValue<string>());
        Assert.Equal("""[{"QueryResponse":[{}]}]""", thirtyDays["CDCResponse"]!.ToJsonString());
    }

    [Fact]
    public async Task Cdc_MoreThanAThousandChanges_AnswersTheOldestThousand()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var customers = string.Join(',', Enumerable.Range(1, 1001).Select(i => $$"""{"DisplayName":"Customer {{i}}"}"""));
        using (var created = await sandbox.ControlPostAsync("companies", $$"""{"companyName":"Busy","customers":[{{customers}}]}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var realm = sandbox.State.RealmIds[1];
        var token = await sandbox.ConnectToAsync(realm);

        using var response = await sandbox.GetAsync(token, "cdc?entities=Customer,Account&changedSince=2015-07-24", realm);

        var page = (await TestSandbox.JsonAsync(response))["CDCResponse"]![0]!["QueryResponse"]!.AsArray();
        Assert.Equal(1000, Assert.Single(page)!["Customer"]!.AsArray().Count);
        Assert.Equal(1000, page[0]!["maxResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cdc_BadParameters_Return400()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        (string Path, string Code)[] cases =
        [
            ("cdc?changedSince=2015-07-24", "2020"),
            ("cdc?entities=Customer", "2020"),
            ("cdc?entities=TaxCode&changedSince=2015-07-24", "2010"),
            ("cdc?entities=Widget&changedSince=2015-07-24", "2010"),
            ("cdc?entities=Customer&changedSince=yesterday", "2010"),
        ];

        foreach (var (path, code) in cases)
        {
            using var response = await sandbox.GetAsync(token, path);
            await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, code);
        }
    }

    private static async Task<JsonObject> CdcAsync(TestSandbox sandbox, string token, string entities, string changedSince)
    {
        using var response = await sandbox.GetAsync(token, $"cdc?entities={entities}&changedSince={Uri.EscapeDataString(changedSince)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(Encoding.UTF8.GetBytes(text))!.AsObject();
    }
}
