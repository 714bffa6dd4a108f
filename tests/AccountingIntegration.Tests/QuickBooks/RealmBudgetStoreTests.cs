using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.QuickBooks.Budget;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>One company's QBO budget in the database, drawn by several instances (each a store with its own identity).</summary>
public sealed class RealmBudgetStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Reserve_TwoInstancesAskingAtOnce_TogetherStayWithinEachWindow(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 100);
        var limits = RealmBudgetLimits.From(options);
        var database = (await databases.GetAsync(kind)).Database;
        var instances = new[] { new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock), new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock) };
        var realmId = NewRealm();
        var grants = new List<(DateTimeOffset At, int Instance, int Requests)>();

        // Seventy seconds of both instances always wanting more: the minute window fills and moves on.
        for (var step = 0; step < 700; step++)
        {
            for (var i = 0; i < instances.Length; i++)
            {
                var grant = await instances[i].ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default);
                if (grant.Requests > 0)
                {
                    grants.Add((clock.GetUtcNow(), i, grant.Requests));
                }
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        foreach (var (at, _, _) in grants)
        {
            Assert.InRange(grants.Where(g => g.At > at - limits.SecondWindow && g.At <= at).Sum(g => g.Requests), 1, 10);
            Assert.InRange(grants.Where(g => g.At > at - limits.MinuteWindow && g.At <= at).Sum(g => g.Requests), 1, 100);
        }

        // Both took turns, and the minute's budget was used rather than wasted.
        Assert.All(Enumerable.Range(0, 2), i => Assert.Contains(grants, g => g.Instance == i));
        Assert.InRange(grants.Sum(g => g.Requests), 101, 200);
    }

    [Theory, BothDatabases]
    public async Task Reserve_AfterARestartWithinTheMinute_TheMinutesGrantsStillCount(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 100);
        var database = (await databases.GetAsync(kind)).Database;
        var realmId = NewRealm();
        var before = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);
        var firstGrantAt = clock.GetUtcNow();
        var granted = 0;
        while (granted < 100)
        {
            granted += (await before.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default)).Requests;
            clock.Advance(TimeSpan.FromMilliseconds(700));
        }

        // A new process on the same database: no fresh budget until the minute of the first grants has passed.
        var after = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);
        var refused = await after.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default);
        clock.Advance(refused.RetryAt - clock.GetUtcNow());
        var grantedAfter = await after.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default);

        Assert.Equal(0, refused.Requests);
        Assert.True(refused.RetryAt >= firstGrantAt + TimeSpan.FromMinutes(1), $"retry at {refused.RetryAt:O}");
        Assert.Equal(5, grantedAfter.Requests);
    }

    [Theory, BothDatabases]
    public async Task Reserve_SlotsOfAnInstanceThatStoppedRenewing_ComeBackAfterTheLease(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        var limits = RealmBudgetLimits.From(options);
        var database = (await databases.GetAsync(kind)).Database;
        var realmId = NewRealm();
        var killed = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);
        var survivor = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);

        var held = await killed.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 10), default);
        clock.Advance(TimeSpan.FromSeconds(2));
        var meanwhile = await survivor.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 10), default);
        clock.Advance(limits.ConcurrencyLease);
        var afterLease = await survivor.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 10), default);

        Assert.Equal(10, held.Held);
        Assert.Equal((0, 0), (meanwhile.Held, meanwhile.Requests));
        Assert.Equal((10, 5), (afterLease.Held, afterLease.Requests));
    }

    [Theory, BothDatabases]
    public async Task Reserve_SlotsGivenBackAndShared_NeverAddUpToMoreThanTheLimit(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        var database = (await databases.GetAsync(kind)).Database;
        var realmId = NewRealm();
        var first = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);
        var second = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);

        var all = await first.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 10), default);
        var none = await second.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 10), default);
        clock.Advance(TimeSpan.FromSeconds(2));
        // The first instance, with 4 of its requests still in flight, learns that another waits and shrinks to its half.
        var half = await first.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 4, 10), default);
        var otherHalf = await second.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 10), default);
        await first.ReleaseAsync(realmId, 0, default);
        clock.Advance(TimeSpan.FromSeconds(2));
        var rest = await second.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 5, 10), default);

        Assert.Equal((10, 0, 5, 5, 10), (all.Held, none.Held, half.Held, otherHalf.Held, rest.Held));
    }

    [Theory, BothDatabases]
    public async Task Reserve_OnlyBatchesWaiting_NoMoreThanFortyBatchesAMinute(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        var database = (await databases.GetAsync(kind)).Database;
        var realmId = NewRealm();
        var store = new DatabaseRealmBudgetStore(database, new InstanceIdentity(), options, clock);
        var batches = 0;
        for (var step = 0; step < 20; step++)
        {
            var grant = await store.ReserveAsync(new RealmBudgetRequest(realmId, 5, 5, 0, 5), default);
            Assert.Equal(grant.Requests, grant.Batches);
            batches += grant.Batches;
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        var mixed = await store.ReserveAsync(new RealmBudgetRequest(realmId, 5, 2, 0, 5), default);

        Assert.Equal(40, batches);
        Assert.Equal((3, 0), (mixed.Requests, mixed.Batches));
    }

    [Theory, BothDatabases]
    public async Task Return_PermitsNoRequestUsed_NoLongerCountInTheWindows(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var options = RealmBudgetOptions.With(perMinute: 500);
        var store = new DatabaseRealmBudgetStore((await databases.GetAsync(kind)).Database, new InstanceIdentity(), options, clock);
        var realmId = NewRealm();
        var first = await store.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default);
        var second = await store.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default);
        Assert.Equal((5, 5), (first.Requests, second.Requests));
        // The second's full: the first's callers gave up before sending, and four of its permits come back.
        Assert.Equal(0, (await store.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default)).Requests);

        await store.ReturnAsync(realmId, first.GrantId!, 4, 0, default);

        Assert.Equal(4, (await store.ReserveAsync(new RealmBudgetRequest(realmId, 5, 0, 0, 5), default)).Requests);
    }

    private static string NewRealm() => "realm-" + Guid.NewGuid().ToString("N");
}
