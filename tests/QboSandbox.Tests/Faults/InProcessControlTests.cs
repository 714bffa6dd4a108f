using System.Net;
using QboSandbox.Faults;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Faults;

public sealed class InProcessControlTests
{
    [Fact]
    public async Task AddFault_InProcess_AppliesLikeControlApi()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        sandbox.State.AddFault(new FaultRuleRequest { Entity = "query", FaultType = "ThrottleExceeded", Count = 1 });

        using var throttled = await sandbox.QueryAsync(token, "select * from Item");
        using var ok = await sandbox.QueryAsync(token, "select * from Item");

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task AddFault_UnknownType_ThrowsWhenAdded()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        Assert.Throws<ArgumentException>(() => sandbox.State.AddFault(new FaultRuleRequest { FaultType = "Bogus" }));
    }

    [Fact]
    public async Task ExpireAndRevoke_InProcess_AffectTokens()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var expired = sandbox.State.ExpireAccessTokens(TestSandbox.DemoRealm);
        using var afterExpire = await sandbox.GetAsync(token, "item/1");
        var revoked = sandbox.State.RevokeConnections();

        Assert.Equal(1, expired);
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpire.StatusCode);
        Assert.Equal(1, revoked);
        Assert.True(Assert.Single(sandbox.State.GetConnections()).Revoked);
    }
}
