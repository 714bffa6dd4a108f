using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Protocol;

/// <summary>How clients other than ours talk to QBO: updates without ?operation, gzip bodies, query validation.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task PostInvoice_IdAndSyncTokenWithoutOperation_UpdatesInsteadOfCreating()
    {
        // python-quickbooks' save() posts an object that has an Id to the entity path without ?operation=update.
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        var updated = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"Id":"{{invoice["Id"]}}","SyncToken":"0","sparse":true,"PrivateNote":"edited"}
            """);

        Assert.Equal(invoice["Id"]!.GetValue<string>(), updated["Id"]!.GetValue<string>());
        Assert.Equal("1", updated["SyncToken"]!.GetValue<string>());
        Assert.Equal("edited", updated["PrivateNote"]!.GetValue<string>());
        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task PostCustomer_SparseUpdateWithoutOperation_RenamesAndKeepsUniqueness()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var renamed = await sandbox.CreateAsync(token, "Customer", """{"Id":"1","SyncToken":"0","sparse":true,"DisplayName":"Amy's Birds"}""");
        using var clash = await sandbox.PostAsync(token, "customer", """{"Id":"2","SyncToken":"0","sparse":true,"DisplayName":"Amy's Birds"}""");

        Assert.Equal("Amy's Birds", renamed["DisplayName"]!.GetValue<string>());
        Assert.Equal("Birds@Intuit.com", renamed["PrimaryEmailAddr"]!["Address"]!.GetValue<string>());
        await TestSandbox.FaultAsync(clash, HttpStatusCode.BadRequest, "6240");
    }

    [Fact]
    public async Task Vendor_WithACustomersName_Refused6240()
    {
        // DisplayName is unique across customers, vendors and employees (REFERENCE §4.1).
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Employee", """{"GivenName":"Bill","FamilyName":"Miller"}""");

        using var vendor = await sandbox.PostAsync(token, "vendor", """{"DisplayName":"Cool Cars"}""");
        using var customer = await sandbox.PostAsync(token, "customer", """{"DisplayName":"bill miller"}""");
        var ok = await sandbox.CreateAsync(token, "Vendor", """{"DisplayName":"Books by Bessie"}""");

        await TestSandbox.FaultAsync(vendor, HttpStatusCode.BadRequest, "6240");
        await TestSandbox.FaultAsync(customer, HttpStatusCode.BadRequest, "6240");
        Assert.Equal("Books by Bessie", ok["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Class_OnlyWhenClassTrackingIsOn()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","classTracking":true}""");
        var demoToken = await sandbox.ConnectAsync();

        var created = await sandbox.CreateAsync(token, "Class", """{"Name":"Retail"}""", realm);
        using var off = await sandbox.PostAsync(demoToken, "class", """{"Name":"Retail"}""");
        var invoice = await sandbox.CreateAsync(token, "Invoice",
            "{\"CustomerRef\":{\"value\":\"1\"},\"Line\":[{\"DetailType\":\"SalesItemLineDetail\",\"Amount\":5,"
            + "\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"},\"ClassRef\":{\"value\":\"" + created["Id"] + "\"}}}]}", realm);

        await TestSandbox.FaultAsync(off, HttpStatusCode.BadRequest, "6000");
        Assert.Equal("Retail", invoice["Line"]![0]!["SalesItemLineDetail"]!["ClassRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_PropertyNotQueryable_Returns4001()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.QueryAsync(token, "SELECT * FROM Customer WHERE Notes = 'x'");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "4001");
        Assert.Equal("QueryValidationError: property 'Notes' is not queryable", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task GzipRequestBody_IsRead()
    {
        // Intuit's .NET SDK compresses request bodies with gzip by default.
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Invoices.Minimal));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/company/{TestSandbox.DemoRealm}/invoice")
        {
            Content = new ByteArrayContent(compressed.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100m, (await TestSandbox.JsonAsync(response))["Invoice"]!["TotalAmt"]!.GetValue<decimal>());
    }
}

/// <summary>Currency rules of REFERENCE §3.3 and Intuit's "Manage multiple currencies".</summary>
public sealed class CurrencyTests
{
    private const string Line = """[{"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]""";

    [Fact]
    public async Task ForeignCurrency_SingleCurrencyCompany_Refused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", $$"""{"CustomerRef":{"value":"1"},"CurrencyRef":{"value":"EUR"},"Line":{{Line}}}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6000");
        Assert.Equal("CurrencyRef", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task ForeignCurrency_MulticurrencyCompany_StoredWithRateAndHomeTotal()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","multiCurrencyEnabled":true}""");
        var customer = await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Euro GmbH","CurrencyRef":{"value":"EUR"}}""", realm);

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"{{customer["Id"]}}"},"ExchangeRate":1.2345,"Line":{{Line}}}
            """, realm);
        using var mismatch = await sandbox.PostAsync(token, "invoice", $$"""{"CustomerRef":{"value":"1"},"CurrencyRef":{"value":"EUR"},"Line":{{Line}}}""", realm);

        Assert.Equal("EUR", invoice["CurrencyRef"]!["value"]!.GetValue<string>());
        Assert.Equal(1.2345m, invoice["ExchangeRate"]!.GetValue<decimal>());
        Assert.Equal(123.45m, invoice["HomeTotalAmt"]!.GetValue<decimal>());
        Assert.Equal(123.45m, invoice["HomeBalance"]!.GetValue<decimal>());

        // A customer has one currency and its transactions must be in it.
        await TestSandbox.FaultAsync(mismatch, HttpStatusCode.BadRequest, "6000");
    }
}
