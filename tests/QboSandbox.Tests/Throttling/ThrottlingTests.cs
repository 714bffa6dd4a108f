using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Throttling;

public sealed class ThrottlingTests
{
    [Fact]
    public async Task Api_EleventhRequestInOneSecond_Returns429ThrottleFault()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        for (var i = 0; i < 10; i++)
        {
            using var ok = await sandbox.GetAsync(token, "customer/1");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var throttled = await sandbox.GetAsync(token, "customer/1");
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var afterWindow = await sandbox.GetAsync(token, "customer/1");

        var error = await TestSandbox.FaultAsync(throttled, (HttpStatusCode)429, "3001", "SERVICE");
        Assert.Equal("message=ThrottleExceeded; errorCode=003001; statusCode=429", error["Message"]!.GetValue<string>());
        Assert.True(throttled.Headers.Contains("intuit_tid"));
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        var stats = Assert.Single(sandbox.State.GetStats().Realms);
        Assert.Equal(1, stats.Throttled);
        Assert.Equal(12, stats.Requests);
        Assert.Equal(11, stats.PeakRequestsPerSecond);
    }

    [Fact]
    public async Task Api_OneRealmThrottled_OtherRealmUnaffected()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RequestsPerSecondPerRealm = 2);
        var other = sandbox.State.CreateCompany("Other");
        var token = await sandbox.ConnectAsync();
        var otherToken = await sandbox.ConnectToAsync(other);
        for (var i = 0; i < 2; i++)
        {
            using var _ = await sandbox.GetAsync(token, "customer/1");
        }

        using var throttled = await sandbox.GetAsync(token, "customer/1");
        using var otherRealm = await sandbox.GetAsync(otherToken, $"companyinfo/{other}", other);

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherRealm.StatusCode);
    }

    [Fact]
    public async Task Api_PerMinuteLimit_ReleasesAfterSixtySeconds()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.RequestsPerSecondPerRealm = 0;
            o.RequestsPerMinutePerRealm = 20;
        });
        var token = await sandbox.ConnectAsync();
        for (var i = 0; i < 20; i++)
        {
            using var ok = await sandbox.GetAsync(token, "item/1");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var throttled = await sandbox.GetAsync(token, "item/1");
        sandbox.Time.Advance(TimeSpan.FromSeconds(59));
        using var stillThrottled = await sandbox.GetAsync(token, "item/1");
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var released = await sandbox.GetAsync(token, "item/1");

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal((HttpStatusCode)429, stillThrottled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }

    [Fact]
    public async Task Batch_OverBatchLimit_Returns429WhileOtherCallsPass()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.BatchRequestsPerMinutePerRealm = 2);
        var token = await sandbox.ConnectAsync();
        const string Batch = """{"BatchItemRequest":[{"bId":"q","Query":"select * from Item"}]}""";
        using var first = await sandbox.PostAsync(token, "batch", Batch);
        using var second = await sandbox.PostAsync(token, "batch", Batch);

        using var third = await sandbox.PostAsync(token, "batch", Batch);
        using var plain = await sandbox.GetAsync(token, "item/1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await TestSandbox.FaultAsync(third, (HttpStatusCode)429, "3001", "SERVICE");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(3, sandbox.State.GetStats().Realms[0].PeakBatchRequestsPerMinute);
    }

    [Fact]
    public async Task Api_MoreConcurrentThanLimit_Returns429ForTheExtraRequest()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.RequestsPerSecondPerRealm = 0;
            o.ConcurrentRequestsPerRealm = 3;
        });
        var token = await sandbox.ConnectAsync();
        using var fault = await sandbox.ControlPostAsync("faults", $$"""{"realmId":"{{TestSandbox.DemoRealm}}","latencyMs":1000}""");
        var slow = Enumerable.Range(0, 3).Select(_ => sandbox.GetAsync(token, "customer/1")).ToList();
        await TestSandbox.WaitUntilAsync(() => sandbox.State.RequestsWaitingOnLatency == 3, "three requests in flight");

        using var extra = await sandbox.GetAsync(token, "customer/1");
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        var completed = await Task.WhenAll(slow);

        await TestSandbox.FaultAsync(extra, (HttpStatusCode)429, "3001", "SERVICE");
        Assert.All(completed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stats = sandbox.State.GetStats();
        Assert.Equal(4, stats.MaxConcurrency);
        Assert.Equal(1, stats.Throttled);
        Assert.Equal(0, stats.Realms[0].InFlight);
        foreach (var response in completed)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Api_LimitsOff_NeverThrottles()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.RequestsPerSecondPerRealm = 0;
            o.RequestsPerMinutePerRealm = 0;
            o.ConcurrentRequestsPerRealm = 0;
        });
        var token = await sandbox.ConnectAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => sandbox.GetAsync(token, "item/1")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, sandbox.State.GetStats().Throttled);
        Assert.Equal(40, sandbox.State.GetStats().Realms[0].PeakRequestsPerSecond);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
