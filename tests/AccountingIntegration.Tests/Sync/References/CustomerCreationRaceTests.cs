using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>Creating customers when several workers, processes or failures get in the way.</summary>
public sealed class CustomerCreationRaceTests
{
    [Fact]
    public async Task Resolve_TwentyWorkersSameNewName_OneCreateReachesQbo()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Customer");
        // A slow create widens the race; the rule only delays, and its hit count is the number of creates sent.
        await world.Session.AddFaultAsync(new { method = "POST", entity = "customer", latencyMs = 200 });

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => world.ResolveAsync("Customer", i % 2 == 0 ? "Crowd Favourite" : "CROWD FAVOURITE "))));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await world.FaultHitsAsync());
        Assert.Equal(before + 1, await world.Session.CountAsync("Customer"));
    }

    [Fact]
    public async Task Resolve_CreateFailsWithTransientFaultOnce_RetriesAndCreatesOne()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Customer");
        await world.Session.AddFaultAsync(new { method = "POST", entity = "customer", faultType = "SystemFault", count = 1 });

        var id = await world.ResolveAsync("Customer", "Flaky Network Ltd");

        Assert.Equal(1, await world.FaultHitsAsync());
        Assert.Equal(before + 1, await world.Session.CountAsync("Customer"));
        Assert.Equal("Flaky Network Ltd", (string?)(await world.ReadAsync("Customer", id))["DisplayName"]);
    }

    [Fact]
    public async Task Resolve_AnotherProcessCreatedTheNameFirst_UsesThatCustomer()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Customer");
        // Our lookup sees nothing (the other process had not committed yet), so our create meets 6240.
        await world.Session.AddFaultAsync(new { method = "GET", entity = "query", status = 200, body = new { QueryResponse = new { } }, count = 1 });

        var id = await world.ResolveAsync("Customer", "Cool Cars");

        Assert.Equal("3", id);
        Assert.Equal(before, await world.Session.CountAsync("Customer"));
    }

    [Fact]
    public async Task Resolve_CachedForAnHour_ThenLookedUpAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await ReferenceWorld.StartAsync(time);
        await world.ResolveAsync("Customer", "Cool Cars");
        var requests = await world.RequestCountAsync();

        time.Advance(TimeSpan.FromMinutes(59));
        await world.ResolveAsync("Customer", "Cool Cars");
        var afterCachedHit = await world.RequestCountAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        await world.ResolveAsync("Customer", "Cool Cars");

        Assert.Equal(requests, afterCachedHit);
        Assert.True(await world.RequestCountAsync() > afterCachedHit);
    }
}
