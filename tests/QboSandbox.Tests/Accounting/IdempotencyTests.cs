using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task CreateInvoice_SameRequestIdTwice_ReplaysFirstResponseAndWritesOnce()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice?requestid=4957&minorversion=75", Invoices.Minimal);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        sandbox.Time.Advance(TimeSpan.FromSeconds(30));

        using var second = await sandbox.PostAsync(token, "invoice?requestid=4957&minorversion=75", Invoices.Minimal);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_DifferentRequestIds_WritesTwice()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var first = await sandbox.PostAsync(token, "invoice?requestid=a", Invoices.Minimal);
        using var second = await sandbox.PostAsync(token, "invoice?requestid=b", Invoices.Minimal);

        Assert.Equal(2, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice").Count);
    }

    [Fact]
    public async Task CreateInvoice_ConcurrentSameRequestId_WritesOnce()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sandbox.PostAsync(token, "invoice?requestid=same", Invoices.Minimal)));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task CreateInvoice_RequestIdAfterValidationFault_ReplaysFault()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var fault = await sandbox.PostAsync(token, "invoice?requestid=bad-1", Invoices.WithLine("1", "2", "3"));

        using var retry = await sandbox.PostAsync(token, "invoice?requestid=bad-1", Invoices.Minimal);

        await TestSandbox.FaultAsync(retry, HttpStatusCode.BadRequest, "6070");
        Assert.Empty(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_SameRequestIdOtherRealm_WritesInBoth()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var created = await sandbox.ControlPostAsync("companies", """{"companyName":"Second","seedDemoData":true}""");
        var second = (await TestSandbox.JsonAsync(created))["realmId"]!.GetValue<string>();
        var token = await sandbox.ConnectAsync();
        var secondToken = await sandbox.ConnectToAsync(second);

        using var a = await sandbox.PostAsync(token, "invoice?requestid=shared", Invoices.Minimal);
        using var b = await sandbox.PostAsync(secondToken, "invoice?requestid=shared", Invoices.Minimal, second);

        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
        Assert.Single(sandbox.State.GetEntities(second, "Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_RequestIdOver50Chars_Returns400()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "invoice?requestid=" + new string('r', 51), Invoices.Minimal);

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2050");
        Assert.Equal("requestid", error["element"]!.GetValue<string>());
        Assert.Empty(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }
}
