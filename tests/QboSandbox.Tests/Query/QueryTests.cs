using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Query;

public sealed class QueryTests
{
    [Fact]
    public async Task Query_EscapedApostrophe_FindsCustomer()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, @"SELECT * FROM Customer WHERE DisplayName = 'Amy\'s Bird Sanctuary'");

        var result = (await TestSandbox.JsonAsync(response))["QueryResponse"]!;
        Assert.Equal(1, result["startPosition"]!.GetValue<int>());
        Assert.Equal(1, result["maxResults"]!.GetValue<int>());
        Assert.Equal("1", result["Customer"]![0]!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_UnescapedApostrophe_Returns4000()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Customer WHERE DisplayName = 'Amy's Bird Sanctuary'");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "4000");
        Assert.Equal("Error parsing query", error["Message"]!.GetValue<string>());
        Assert.StartsWith("QueryParserError", error["Detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM Customer WHERE DisplayName = 'Amy\u2019s Bird Sanctuary'")]
    [InlineData(@"SELECT * FROM Customer WHERE DisplayName = 'Amy\")]
    [InlineData("SELECT Id, DisplayName FROM Customer")]
    [InlineData("SELECT * FROM Customer WHERE PrimaryEmailAddr.Address = 'Birds@Intuit.com'")]
    [InlineData("SELECT * FROM Customer WHERE")]
    [InlineData("SELECT * FROM Customer ORDERBY")]
    [InlineData("SELECT * Customer")]
    [InlineData("SELECT * FROM Widget")]
    [InlineData("")]
    public async Task Query_Malformed_Returns4000(string statement)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, statement);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "4000");
    }

    [Fact]
    public async Task Query_PrimaryEmailAddr_MatchesAddress()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "select * from customer where PrimaryEmailAddr = 'surf@intuit.com'");

        var customers = (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Customer"]!.AsArray();
        Assert.Equal("Bill's Windsurf Shop", Assert.Single(customers)!["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_LikeInAndOrderBy_FiltersAndSorts()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token,
            "Select * From Customer Where DisplayName LIKE '%o%' AND Id IN ('1', '2', '3') OrderBy DisplayName DESC");

        var names = (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Customer"]!.AsArray()
            .Select(c => c!["DisplayName"]!.GetValue<string>()).ToList();
        Assert.Equal(["Cool Cars", "Bill's Windsurf Shop"], names);
    }

    [Fact]
    public async Task Query_LikePrefix_MatchesStart()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Item WHERE Name LIKE 'Ser%'");

        Assert.Equal("Services", Assert.Single((await TestSandbox.JsonAsync(response))["QueryResponse"]!["Item"]!.AsArray())!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_NumericComparison_UsesNumbers()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Item WHERE UnitPrice >= '50' ORDERBY UnitPrice");

        var prices = (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Item"]!.AsArray().Select(i => i!["UnitPrice"]!.GetValue<decimal>());
        Assert.Equal([50m, 75m], prices);
    }

    [Fact]
    public async Task Query_StartPositionAndMaxResults_PagesOneBased()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var page2 = await sandbox.QueryAsync(token, "SELECT * FROM Customer ORDERBY Id STARTPOSITION 2 MAXRESULTS 2");
        using var reversed = await sandbox.QueryAsync(token, "SELECT * FROM Customer MAXRESULTS 1 STARTPOSITION 4");

        var result = (await TestSandbox.JsonAsync(page2))["QueryResponse"]!;
        Assert.Equal(2, result["startPosition"]!.GetValue<int>());
        Assert.Equal(2, result["maxResults"]!.GetValue<int>());
        Assert.Equal(["2", "3"], result["Customer"]!.AsArray().Select(c => c!["Id"]!.GetValue<string>()));
        Assert.Equal("4", (await TestSandbox.JsonAsync(reversed))["QueryResponse"]!["Customer"]![0]!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_NoMaxResults_Returns100Rows()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        for (var i = 0; i < 105; i++)
        {
            using var _ = await sandbox.ControlPostAsync($"companies/{TestSandbox.DemoRealm}/customer", $$"""{"DisplayName":"Bulk {{i}}"}""");
        }

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Customer");
        using var all = await sandbox.QueryAsync(token, "SELECT * FROM Customer MAXRESULTS 1000");
        using var tooMany = await sandbox.QueryAsync(token, "SELECT * FROM Customer MAXRESULTS 1001");

        Assert.Equal(100, (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Customer"]!.AsArray().Count);
        Assert.Equal(109, (await TestSandbox.JsonAsync(all))["QueryResponse"]!["Customer"]!.AsArray().Count);

        // At most 1000 per response (REFERENCE §2.5): more is refused, not silently capped.
        await TestSandbox.FaultAsync(tooMany, HttpStatusCode.BadRequest, "4001");
    }

    [Fact]
    public async Task Query_NoRows_ReturnsEmptyQueryResponse()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Invoice WHERE DocNumber = 'nope'");

        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal("{}", body["QueryResponse"]!.ToJsonString());
        Assert.NotNull(body["time"]);
    }

    [Fact]
    public async Task Query_PastLastPage_ReturnsEmptyQueryResponse()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Customer STARTPOSITION 5 MAXRESULTS 10");

        Assert.Equal("{}", (await TestSandbox.JsonAsync(response))["QueryResponse"]!.ToJsonString());
    }

    [Fact]
    public async Task Query_Count_ReturnsTotalCount()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "select count(*) from Item where Type = 'Service'");

        Assert.Equal("""{"totalCount":3}""", (await TestSandbox.JsonAsync(response))["QueryResponse"]!.ToJsonString());
    }

    [Fact]
    public async Task Query_PostApplicationText_Works()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("X-1"));

        using var response = await sandbox.ApiAsync(HttpMethod.Post, token, "query?minorversion=75", "SELECT * FROM Invoice WHERE DocNumber = 'X-1'", contentType: "application/text");

        var invoice = (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Invoice"]![0]!;
        Assert.Equal("X-1", invoice["DocNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_RefFieldAndMetaData_Filter()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        using var second = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("Later"));

        using var byCustomer = await sandbox.QueryAsync(token, "SELECT * FROM Invoice WHERE CustomerRef = '1'");
        using var byTime = await sandbox.QueryAsync(token, "SELECT * FROM Invoice WHERE MetaData.CreateTime > '2015-07-24T10:35:00-07:00'");

        Assert.Equal(2, (await TestSandbox.JsonAsync(byCustomer))["QueryResponse"]!["Invoice"]!.AsArray().Count);
        Assert.Equal("Later", Assert.Single((await TestSandbox.JsonAsync(byTime))["QueryResponse"]!["Invoice"]!.AsArray())!["DocNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_CompanyInfo_ReturnsOneRow()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM CompanyInfo");

        Assert.Single((await TestSandbox.JsonAsync(response))["QueryResponse"]!["CompanyInfo"]!.AsArray());
    }

    [Fact]
    public async Task Query_InactiveCustomer_HiddenUnlessActiveFiltered()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "customer", """{"DisplayName":"Dormant Co","Active":false}""");

        using var byDefault = await sandbox.QueryAsync(token, "SELECT * FROM Customer WHERE DisplayName = 'Dormant Co'");
        using var inactive = await sandbox.QueryAsync(token, "SELECT * FROM Customer WHERE Active = false");
        using var both = await sandbox.QueryAsync(token, "SELECT count(*) FROM Customer WHERE Active IN (true, false)");

        Assert.Equal("{}", (await TestSandbox.JsonAsync(byDefault))["QueryResponse"]!.ToJsonString());
        Assert.Equal("Dormant Co", (await TestSandbox.JsonAsync(inactive))["QueryResponse"]!["Customer"]![0]!["DisplayName"]!.GetValue<string>());
        Assert.Equal(5, (await TestSandbox.JsonAsync(both))["QueryResponse"]!["totalCount"]!.GetValue<int>());
    }
}
