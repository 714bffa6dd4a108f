using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class InvoiceChangeTests
{
    [Fact]
    public async Task UpdateInvoice_Sparse_ChangesOnlySentFieldsAndBumpsSyncToken()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("U-1"));
        sandbox.Time.Advance(TimeSpan.FromMinutes(1));

        using var updated = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"0","sparse":true,"PrivateNote":"checked"}""");

        var invoice = (await TestSandbox.JsonAsync(updated))["Invoice"]!;
        Assert.Equal("1", invoice["SyncToken"]!.GetValue<string>());
        Assert.Equal("checked", invoice["PrivateNote"]!.GetValue<string>());
        Assert.Equal("U-1", invoice["DocNumber"]!.GetValue<string>());
        Assert.Equal(10m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal("2015-07-24T10:33:39-07:00", invoice["MetaData"]!["CreateTime"]!.GetValue<string>());
        Assert.Equal("2015-07-24T10:34:39-07:00", invoice["MetaData"]!["LastUpdatedTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateInvoice_SparseWithLines_ReplacesLinesAndRecomputesTotal()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        using var updated = await sandbox.PostAsync(token, "invoice?operation=update", """
            {"Id":"1","SyncToken":"0","sparse":true,"Line":[
              {"DetailType":"SalesItemLineDetail","Amount":30,"SalesItemLineDetail":{"ItemRef":{"value":"2"},"Qty":3,"UnitPrice":10}}]}
            """);

        var invoice = (await TestSandbox.JsonAsync(updated))["Invoice"]!;
        Assert.Equal(30m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(2, invoice["Line"]!.AsArray().Count);
        Assert.Equal("Hours", invoice["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateInvoice_OldSyncToken_Returns5010()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);
        using var first = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"0","sparse":true,"PrivateNote":"a"}""");

        using var stale = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"0","sparse":true,"PrivateNote":"b"}""");

        var error = await TestSandbox.FaultAsync(stale, HttpStatusCode.BadRequest, "5010");
        Assert.Equal("Stale Object Error", error["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateInvoice_FullUpdateBreakingRule_ReturnsFaultAndKeepsInvoice()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        using var response = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"0","Line":[{"DetailType":"SalesItemLineDetail","Amount":1,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("0", sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice")[0]["SyncToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task VoidInvoice_CurrentSyncToken_ZeroesAmountsAndNotesVoided()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.WithLine("30", "3", "10"));

        using var voided = await sandbox.PostAsync(token, "invoice?operation=void", """{"Id":"1","SyncToken":"0"}""");

        var invoice = (await TestSandbox.JsonAsync(voided))["Invoice"]!;
        Assert.Equal(0m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(0m, invoice["Balance"]!.GetValue<decimal>());
        Assert.Equal(0m, invoice["Line"]![0]!["SalesItemLineDetail"]!["Qty"]!.GetValue<decimal>());
        Assert.Equal("Voided", invoice["PrivateNote"]!.GetValue<string>());
        Assert.Equal("1", invoice["SyncToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteInvoice_ThenRead_Returns610()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        using var deleted = await sandbox.PostAsync(token, "invoice?operation=delete", """{"Id":"1","SyncToken":"0"}""");
        using var read = await sandbox.GetAsync(token, "invoice/1");
        using var again = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"0","sparse":true}""");

        Assert.Equal("""{"status":"Deleted","domain":"QBO","Id":"1"}""", (await TestSandbox.JsonAsync(deleted))["Invoice"]!.ToJsonString());
        await TestSandbox.FaultAsync(read, HttpStatusCode.BadRequest, "610");
        var error = await TestSandbox.FaultAsync(again, HttpStatusCode.BadRequest, "610");
        Assert.Contains("Another user has deleted this transaction", error["Detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_UpdateWithVoidOption_VoidsInvoice()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var created = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        using var response = await sandbox.PostAsync(token, "batch", """
            {"BatchItemRequest":[{"bId":"v","operation":"update","optionsData":"void","Invoice":{"Id":"1","SyncToken":"0"}}]}
            """);

        var item = (await TestSandbox.JsonAsync(response))["BatchItemResponse"]![0]!;
        Assert.Equal(0m, item["Invoice"]!["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UpdateInvoice_KeepsOwnDocNumberButNotAnothers()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var a = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("A"));
        using var b = await sandbox.PostAsync(token, "invoice", Invoices.WithDocNumber("B"));

        using var same = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"0","sparse":true,"DocNumber":"A"}""");
        using var clash = await sandbox.PostAsync(token, "invoice?operation=update", """{"Id":"1","SyncToken":"1","sparse":true,"DocNumber":"B"}""");

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        await TestSandbox.FaultAsync(clash, HttpStatusCode.BadRequest, "6140");
    }
}
