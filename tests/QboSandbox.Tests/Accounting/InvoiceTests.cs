using System.Net;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class InvoiceTests
{
    [Fact]
    public async Task CreateInvoice_ReferenceMinimalBody_ReturnsReferenceShape()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice?minorversion=75", Invoices.Minimal);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await TestSandbox.JsonAsync(response);
        var invoice = body["Invoice"]!.AsObject();
        Assert.Equal("1", invoice["Id"]!.GetValue<string>());
        Assert.Equal("0", invoice["SyncToken"]!.GetValue<string>());
        Assert.Equal("QBO", invoice["domain"]!.GetValue<string>());
        Assert.False(invoice["sparse"]!.GetValue<bool>());
        Assert.Equal("2015-07-24T10:33:39-07:00", invoice["MetaData"]!["CreateTime"]!.GetValue<string>());
        Assert.Equal("2015-07-24T10:33:39-07:00", invoice["MetaData"]!["LastUpdatedTime"]!.GetValue<string>());
        Assert.Equal("1001", invoice["DocNumber"]!.GetValue<string>());
        Assert.Equal("2015-07-24", invoice["TxnDate"]!.GetValue<string>());
        Assert.Equal("2015-08-23", invoice["DueDate"]!.GetValue<string>());
        Assert.Equal(100.0m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(100.0m, invoice["Balance"]!.GetValue<decimal>());
        Assert.Equal("NotSet", invoice["EmailStatus"]!.GetValue<string>());
        Assert.Equal("Amy's Bird Sanctuary", invoice["CustomerRef"]!["name"]!.GetValue<string>());
        Assert.Equal(0m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Empty(invoice["LinkedTxn"]!.AsArray());
        Assert.Equal("4581 Finch St.", invoice["BillAddr"]!["Line1"]!.GetValue<string>());

        var lines = invoice["Line"]!.AsArray();
        Assert.Equal(2, lines.Count);
        Assert.Equal("1", lines[0]!["Id"]!.GetValue<string>());
        Assert.Equal(1, lines[0]!["LineNum"]!.GetValue<int>());
        Assert.Equal("Services", lines[0]!["SalesItemLineDetail"]!["ItemRef"]!["name"]!.GetValue<string>());
        Assert.Equal("NON", lines[0]!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.GetValue<string>());
        Assert.Equal("SubTotalLineDetail", lines[1]!["DetailType"]!.GetValue<string>());
        Assert.Null(lines[1]!["Id"]);
        Assert.Equal(100.0m, lines[1]!["Amount"]!.GetValue<decimal>());
        Assert.Equal("2015-07-24T10:33:39.000-07:00", body["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_ClientTotals_AreOverwritten()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var body = JsonNode.Parse(Invoices.WithLine("25.50", "3", "8.50"))!.AsObject();
        body["TotalAmt"] = 999;
        body["Balance"] = 1;

        using var response = await sandbox.PostAsync(token, "invoice", body.ToJsonString());

        var invoice = (await TestSandbox.JsonAsync(response))["Invoice"]!;
        Assert.Equal(25.50m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(25.50m, invoice["Balance"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("1861.08", "1", "1861.075")]
    [InlineData("0.03", "0.5", "0.05")]
    [InlineData("33.33", "3", "11.11")]
    public async Task CreateInvoice_AmountEqualsRoundedHalfUp_Succeeds(string amount, string qty, string unitPrice)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", Invoices.WithLine(amount, qty, unitPrice));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("1861.07", "1", "1861.075")]
    [InlineData("100.00", "3", "33.33")]
    public async Task CreateInvoice_AmountNotQtyTimesPrice_Returns6070(string amount, string qty, string unitPrice)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", Invoices.WithLine(amount, qty, unitPrice));

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6070");
        Assert.Equal("Amount is not equal to UnitPrice * Qty", error["Message"]!.GetValue<string>());
        Assert.Contains("Supplied value:" + amount, error["Detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_DocNumberOf22Chars_Returns2050()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var ok = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber(new string('9', 21)));
        using var tooLong = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber(new string('9', 22)));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var error = await TestSandbox.FaultAsync(tooLong, HttpStatusCode.BadRequest, "2050");
        Assert.Equal("String length specified does not match the supported length. Min:0 Max:21 supplied length:22", error["Detail"]!.GetValue<string>());
        Assert.Equal("DocNumber", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_DuplicateDocNumber_Returns6140()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("INV-7"));

        using var second = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("INV-7"));

        var error = await TestSandbox.FaultAsync(second, HttpStatusCode.BadRequest, "6140");
        Assert.Equal("Duplicate Document Number Error", error["Message"]!.GetValue<string>());
        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_DuplicateWithAllowDuplicateDocNum_Succeeds()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("INV-7"));

        using var second = await sandbox.PostAsync(token, "invoice?include=allowduplicatedocnum", Invoices.WithDocNumber("INV-7"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task CreateInvoice_DuplicateCheckOff_Succeeds()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.DuplicateDocNumberCheck = false);
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("INV-7"));

        using var second = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("INV-7"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task CreateInvoice_DuplicateWithCode6210Configured_Returns6210()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.DuplicateDocNumberErrorCode = "6210");
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("A1"));

        using var second = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("A1"));

        await TestSandbox.FaultAsync(second, HttpStatusCode.BadRequest, "6210");
    }

    [Fact]
    public async Task CreateInvoice_NoDocNumber_UsesLastPlusOne()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var numbered = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("2040"));

        using var auto = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        Assert.Equal("2041", (await TestSandbox.JsonAsync(auto))["Invoice"]!["DocNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_LateEveningPacific_TxnDateIsPacificToday()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Time.SetUtcNow(new DateTimeOffset(2015, 12, 2, 6, 30, 0, TimeSpan.Zero));
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal("2015-12-01", body["Invoice"]!["TxnDate"]!.GetValue<string>());
        Assert.Equal("2015-12-01T22:30:00.000-08:00", body["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_NoCustomerRef_Returns2020()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", """{"Line":[{"DetailType":"SalesItemLineDetail","Amount":1,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("CustomerRef", error["element"]!.GetValue<string>());
    }

    [Fact]
    // A missing id is 2500 "Invalid Reference Id" (QuickBooks-V3-PHP-SDK#102); an inactive one is 610.
    public async Task CreateInvoice_UnknownCustomer_Returns2500()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", Invoices.Minimal.Replace("\"CustomerRef\":{\"value\":\"1\"}", "\"CustomerRef\":{\"value\":\"77\"}", StringComparison.Ordinal));

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2500");
        Assert.Equal("Invalid Reference Id", error["Message"]!.GetValue<string>());
        Assert.Equal("Invalid Reference Id : CustomerRef", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_InactiveCustomer_Returns610()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var inactive = await sandbox.PostAsync(token, "customer", """{"DisplayName":"Gone Ltd","Active":false}""");
        var id = (await TestSandbox.JsonAsync(inactive))["Customer"]!["Id"]!.GetValue<string>();

        using var response = await sandbox.PostAsync(token, "invoice", Invoices.Minimal.Replace("\"CustomerRef\":{\"value\":\"1\"}", $"\"CustomerRef\":{{\"value\":\"{id}\"}}", StringComparison.Ordinal));

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "610");
    }

    [Fact]
    public async Task CreateInvoice_NoLines_Returns6000()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", """{"Line":[],"CustomerRef":{"value":"1"}}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6000");
    }

    [Fact]
    public async Task CreateInvoice_UnknownItem_Returns2500WithElement()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", Invoices.Minimal.Replace("\"value\":\"1\",\"name\":\"Services\"", "\"value\":\"42\"", StringComparison.Ordinal));

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2500");
        Assert.Equal("Line.SalesItemLineDetail.ItemRef", error["element"]!.GetValue<string>());
        Assert.Equal("Invalid Reference Id : Line.SalesItemLineDetail.ItemRef", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_DiscountAndDescriptionLines_ComputesTotal()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice", """
            {"CustomerRef":{"value":"2"},"TxnDate":"2015-06-01","Line":[
              {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"ItemRef":{"value":"2"},"Qty":2,"UnitPrice":50}},
              {"DetailType":"DescriptionOnly","Description":"Thanks!","Amount":999},
              {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":10}}]}
            """);

        var invoice = (await TestSandbox.JsonAsync(response))["Invoice"]!;
        Assert.Equal(90m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal("2015-06-01", invoice["TxnDate"]!.GetValue<string>());
        Assert.Equal("2015-07-01", invoice["DueDate"]!.GetValue<string>());
        var lines = invoice["Line"]!.AsArray();
        Assert.Equal(4, lines.Count);
        Assert.Equal(10m, lines[2]!["Amount"]!.GetValue<decimal>());
        Assert.Equal(100m, lines[3]!["Amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ReadInvoice_AfterCreate_ReturnsSameInvoice()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);
        var invoice = (await TestSandbox.JsonAsync(created))["Invoice"]!;

        using var read = await sandbox.GetAsync(token, "invoice/1");

        Assert.Equal(invoice.ToJsonString(), (await TestSandbox.JsonAsync(read))["Invoice"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateInvoice_NeedToSendWithoutBillEmail_Returns2020()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var body = JsonNode.Parse(Invoices.Minimal)!.AsObject();
        body["EmailStatus"] = "NeedToSend";

        using var missing = await sandbox.PostAsync(token, "invoice", body.ToJsonString());
        body["BillEmail"] = new JsonObject { ["Address"] = "ap@example.com" };
        using var present = await sandbox.PostAsync(token, "invoice", body.ToJsonString());

        var error = await TestSandbox.FaultAsync(missing, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("BillEmail.Address", error["element"]!.GetValue<string>());
        Assert.Equal("NeedToSend", (await TestSandbox.JsonAsync(present))["Invoice"]!["EmailStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateInvoice_ParallelCreates_GetDistinctSequentialIdsAndDocNumbers()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.RequestsPerSecondPerRealm = 0;
            o.ConcurrentRequestsPerRealm = 0;
        });
        var token = await sandbox.ConnectAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => sandbox.PostAsync(token, "invoice", Invoices.Minimal)));

        var invoices = sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            invoices.Select(i => i["Id"]!.GetValue<string>()));
        Assert.Equal(50, invoices.Select(i => i["DocNumber"]!.GetValue<string>()).Distinct().Count());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
