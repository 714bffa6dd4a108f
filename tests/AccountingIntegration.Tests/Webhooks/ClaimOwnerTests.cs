using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// Each claim is taken under an owner of its own: the instance's name and the claim's number. The lease guard on the
/// outcome then tells apart two workers of one process that hold a payload in turn, as it does two instances; and the
/// owner fits its column whatever the host is called.
/// </summary>
public sealed class ClaimOwnerTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>The longest host name Linux allows.</summary>
    private static readonly string LongestHost = new('h', 64);

    [Fact]
    public void ClaimOwners_AreTheInstancesNameAndTheClaimsNumber_ShortEnoughForTheLeaseColumns()
    {
        var identity = new InstanceIdentity(LongestHost);
        var first = identity.NewClaimOwner();
        var second = identity.NewClaimOwner();

        Assert.StartsWith(new string('h', InstanceIdentity.HostChars) + ":", identity.LeaseOwner, StringComparison.Ordinal);
        Assert.Equal(identity.LeaseOwner + ":1", first);
        Assert.Equal(identity.LeaseOwner + ":2", second);
        // The lease columns hold 100 characters, and the owner stays within them at the last claim number there can be.
        Assert.True(identity.LeaseOwner.Length + 1 + long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture).Length <= 100, identity.LeaseOwner);
        Assert.NotEqual(identity.LeaseOwner, new InstanceIdentity(LongestHost).LeaseOwner);
    }

    [Theory, BothDatabases]
    public async Task TwoWorkersOfOneInstance_HoldTheirPayloadsUnderOwnersOfTheirOwn(DatabaseKind kind)
    {
        var identity = new InstanceIdentity(LongestHost);
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "2" }, overrides: services => services.AddSingleton(identity));
        // Every QBO write takes three seconds of the clock, which stands still until the test moves it: both workers stay
        // on their payloads meanwhile.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", latencyMs = 3000 });
        var payloadIds = new List<string>();
        foreach (var order in new[] { 79301L, 79302L })
        {
            using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(order));
            payloadIds.Add((await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!);
        }

        var owners = await Eventually.GetAsync(() => world.Services.GetRequiredService<Database>().QueryListAsync<string?>(
                "SELECT lease_owner FROM webhook_queue WHERE payload_id IN @Ids AND status = @Processing", new { Ids = payloadIds, PayloadStatus.Processing }, default),
            held => held.Count == 2);

        Assert.Equal(2, owners.Distinct(StringComparer.Ordinal).Count());
        Assert.All(owners, owner => Assert.Matches($"^{identity.LeaseOwner}:[0-9]+$", owner));
        foreach (var payloadId in payloadIds)
        {
            Assert.Equal(PayloadStatus.Succeeded, (await world.SettledAsync(payloadId)).Status);
        }
    }
}
