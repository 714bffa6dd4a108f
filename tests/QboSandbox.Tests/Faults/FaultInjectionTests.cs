using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Fault_StatusAndBodyWithCount_AppliesOnceWithoutRunningHandler()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"method":"POST","entity":"invoice","status":503,"body":{"custom":"down"},"count":1}""");

        using var faulted = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);
        using var next = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal("""{"custom":"down"}""", await faulted.Content.ReadAsStringAsync());
        Assert.True(faulted.Headers.Contains("intuit_tid"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Theory]
    [InlineData("ThrottleExceeded", 429, "3001", "SERVICE")]
    [InlineData("SystemFault", 500, "10000", "SystemFault")]
    [InlineData("StaleObject", 400, "5010", "ValidationFault")]
    [InlineData("AuthenticationFailed", 401, "100", "AuthenticationFault")]
    [InlineData("ServiceUnavailable", 503, "503", "SystemFault")]
    public async Task Fault_CannedType_SendsQboFault(string faultType, int status, string code, string type)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", $$"""{"faultType":"{{faultType}}","path":"/v3/company/*/customer/*"}""");

        using var response = await sandbox.GetAsync(token, "customer/1");
        using var other = await sandbox.GetAsync(token, "item/1");

        await TestSandbox.FaultAsync(response, (HttpStatusCode)status, code, type);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Fault_Probability_IsDeterministicForSeed()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RequestsPerSecondPerRealm = 0);
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"entity":"item","status":500,"probability":0.5,"seed":42}""");
        var random = new Random(42);
        var expected = Enumerable.Range(0, 20).Select(_ => random.NextDouble() < 0.5 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK).ToList();

        var actual = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await sandbox.GetAsync(token, "item/1");
            actual.Add(response.StatusCode);
        }

        Assert.Equal(expected, actual);
        Assert.Contains(HttpStatusCode.OK, actual);
        Assert.Contains(HttpStatusCode.InternalServerError, actual);
    }

    [Fact]
    public async Task Fault_Latency_HoldsResponseUntilClockAdvances()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"entity":"customer","latencyMs":2000,"count":1}""");

        var pending = sandbox.GetAsync(token, "customer/1");
        await TestSandbox.WaitUntilAsync(() => sandbox.State.RequestsWaitingOnLatency == 1, "the delayed request");
        Assert.False(pending.IsCompleted);
        sandbox.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, sandbox.State.RequestsWaitingOnLatency);
        sandbox.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fault_DropAfterCommit_ClientFailsButInvoiceExistsAndRetryReplays()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"method":"POST","entity":"invoice","drop":"afterCommit","count":1}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => PostOnNewConnectionAsync(sandbox, token, "invoice?requestid=drop-1"));
        var stored = Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
        using var retry = await sandbox.PostAsync(token, "invoice?requestid=drop-1", Invoices.Minimal);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(stored["Id"]!.GetValue<string>(), (await TestSandbox.JsonAsync(retry))["Invoice"]!["Id"]!.GetValue<string>());
        Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task Fault_DropAfterCommitForgettingRequestId_RetryRunsAgain()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"method":"POST","entity":"invoice","drop":"afterCommit","forgetRequestId":true,"count":1}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => PostOnNewConnectionAsync(sandbox, token, "invoice?requestid=forget-1"));
        using var retry = await sandbox.PostAsync(token, "invoice?requestid=forget-1", Invoices.Minimal);
        using var repeat = await sandbox.PostAsync(token, "invoice?requestid=forget-1", Invoices.Minimal);

        // Intuit no longer knows the first attempt, so the retry writes a second invoice; the one after it is recognised again.
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice").Count);
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fault_ForgetRequestIdAlone_AnswersNormallyAndForgets()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"entity":"invoice","forgetRequestId":true,"count":1}""");

        using var first = await sandbox.PostAsync(token, "invoice?requestid=forget-2", Invoices.Minimal);
        using var second = await sandbox.PostAsync(token, "invoice?requestid=forget-2", Invoices.Minimal);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice").Count);
        Assert.Equal(1, sandbox.State.Idempotency.Count);
    }

    [Fact]
    public async Task Fault_DropBeforeCommit_ClientFailsAndNothingIsWritten()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"entity":"invoice","drop":"beforeCommit","count":1}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => PostOnNewConnectionAsync(sandbox, token, "invoice"));

        Assert.Empty(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
    }

    [Fact]
    public async Task Fault_TokenEndpointPath_FailsRefreshOnce()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var refresh = (await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync()))["refresh_token"]!.GetValue<string>();
        using var add = await sandbox.ControlPostAsync("faults", """{"path":"/oauth2/v1/tokens/bearer","status":502,"count":1}""");

        using var failed = await sandbox.RefreshAsync(refresh);
        using var ok = await sandbox.RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Fault_OtherRealm_DoesNotApply()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"realmId":"123","status":500}""");

        using var response = await sandbox.GetAsync(token, "customer/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fault_ListThenClear_ShowsHitsAndStops()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var add = await sandbox.ControlPostAsync("faults", """{"entity":"customer","status":500,"count":5}""");
        using var hit = await sandbox.GetAsync(token, "customer/1");

        var list = await sandbox.Http.GetStringAsync("_sandbox/faults");
        using var clear = await sandbox.Http.DeleteAsync("_sandbox/faults");
        using var after = await sandbox.GetAsync(token, "customer/1");

        Assert.Contains("\"hits\":1", list, StringComparison.Ordinal);
        Assert.Contains("\"remaining\":4", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Fault_InvalidRule_Returns400()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var unknownType = await sandbox.ControlPostAsync("faults", """{"faultType":"Nope"}""");
        using var badProbability = await sandbox.ControlPostAsync("faults", """{"status":500,"probability":2}""");
        using var nothing = await sandbox.ControlPostAsync("faults", """{"entity":"invoice"}""");

        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badProbability.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
    }

    /// <summary>A fresh connection, so the client cannot transparently retry on a reused pooled one.</summary>
    private static async Task<HttpResponseMessage> PostOnNewConnectionAsync(TestSandbox sandbox, string token, string relative)
    {
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/company/{TestSandbox.DemoRealm}/{relative}")
        {
            Content = new StringContent(Invoices.Minimal, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
