using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class BatchTests
{
    [Fact]
    public async Task Batch_CreateAndQueryItems_AnswersEachBid()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "batch?minorversion=75", """
            {"BatchItemRequest":[
              {"bId":"bid1","operation":"create","Customer":{"DisplayName":"Amy's Bird Sanctuary"}},
              {"bId":"bid2","operation":"create","Customer":{"DisplayName":"Smith Family Store"}},
              {"bId":"bid3","operation":"create","Invoice":{"Line":[{"DetailType":"SalesItemLineDetail","Amount":50,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}],"CustomerRef":{"value":"3"}}},
              {"bId":"bid4","Query":"select * from Customer where DisplayName = 'Cool Cars'"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        var items = body["BatchItemResponse"]!.AsArray();
        Assert.Equal(["bid1", "bid2", "bid3", "bid4"], items.Select(i => i!["bId"]!.GetValue<string>()));
        Assert.Equal("6240", items[0]!["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("ValidationFault", items[0]!["Fault"]!["type"]!.GetValue<string>());
        Assert.Equal("Smith Family Store", items[1]!["Customer"]!["DisplayName"]!.GetValue<string>());
        Assert.Equal(50m, items[2]!["Invoice"]!["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal("Cool Cars", items[3]!["QueryResponse"]!["Customer"]![0]!["DisplayName"]!.GetValue<string>());
        Assert.NotNull(body["time"]);
    }

    [Fact]
    public async Task Batch_Empty_ReturnsMalformedRequest()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "batch", """{"BatchItemRequest":[]}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "400");
        Assert.Equal("Batch Request is Empty", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_MoreThanMaxItems_IsRejectedWithoutWriting()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxBatchItems = 2);
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "batch", """
            {"BatchItemRequest":[
              {"bId":"1","operation":"create","Customer":{"DisplayName":"A"}},
              {"bId":"2","operation":"create","Customer":{"DisplayName":"B"}},
              {"bId":"3","operation":"create","Customer":{"DisplayName":"C"}}]}
            """);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "400");
        Assert.Equal(4, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Customer").Count);
    }

    [Fact]
    public async Task Batch_UnsupportedOperation_FaultsOnlyThatItem()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "batch", """
            {"BatchItemRequest":[
              {"bId":"d","operation":"delete","Customer":{"Id":"1","SyncToken":"0"}},
              {"bId":"q","Query":"select count(*) from Item"}]}
            """);

        var items = (await TestSandbox.JsonAsync(response))["BatchItemResponse"]!.AsArray();
        Assert.Equal("500", items[0]!["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(4, items[1]!["QueryResponse"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Batch_DuplicateBids_ReturnsMalformedRequest()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "batch", """
            {"BatchItemRequest":[{"bId":"x","Query":"select * from Item"},{"bId":"x","Query":"select * from Item"}]}
            """);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "400");
    }

    [Fact]
    public async Task Batch_WithRequestId_ReplaysAndLimitsLengths()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        const string Body = """{"BatchItemRequest":[{"bId":"b1","operation":"create","Customer":{"DisplayName":"Once Only"}}]}""";

        using var first = await sandbox.PostAsync(token, "batch?requestid=batch-1", Body);
        using var second = await sandbox.PostAsync(token, "batch?requestid=batch-1", Body);
        using var longId = await sandbox.PostAsync(token, "batch?requestid=" + new string('b', 37), Body);
        using var longBid = await sandbox.PostAsync(token, "batch?requestid=batch-2", Body.Replace("\"b1\"", "\"b1234567890\"", StringComparison.Ordinal));

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(5, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Customer").Count);
        await TestSandbox.FaultAsync(longId, HttpStatusCode.BadRequest, "2050");
        await TestSandbox.FaultAsync(longBid, HttpStatusCode.BadRequest, "2050");
    }

    [Fact]
    public async Task Batch_InvoiceForCustomerCreatedInSameBatch_Returns2500()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "batch", """
            {"BatchItemRequest":[
              {"bId":"c","operation":"create","Customer":{"DisplayName":"Fresh Customer"}},
              {"bId":"i","operation":"create","Invoice":{"Line":[{"DetailType":"SalesItemLineDetail","Amount":5,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}],"CustomerRef":{"value":"5"}}}]}
            """);
        using var later = await sandbox.PostAsync(token, "invoice", Invoices.Minimal.Replace("\"CustomerRef\":{\"value\":\"1\"}", "\"CustomerRef\":{\"value\":\"5\"}", StringComparison.Ordinal));

        var items = (await TestSandbox.JsonAsync(response))["BatchItemResponse"]!.AsArray();
        Assert.Equal("5", items[0]!["Customer"]!["Id"]!.GetValue<string>());
        Assert.Equal("2500", items[1]!["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }
}
