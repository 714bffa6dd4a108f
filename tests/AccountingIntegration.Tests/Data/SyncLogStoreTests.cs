using System.Globalization;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class SyncLogStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Request = "{\"Line\":[{\"Amount\":19.99,\"Description\":\"Zoë ☕ 😀\"}],\"CustomerRef\":{\"value\":\"820982911946154508\"}}";

    [Theory, BothDatabases]
    public async Task InsertAsync_ThenGetByPayloadId_RoundTripsEveryField(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var database = (await databases.GetAsync(kind)).Database;
        var store = new SyncLogStore(database, clock);
        var org = Guid.NewGuid().ToString();
        var entry = NewLog(org, "payload-1", 1) with
        {
            QboRequestId = "req-abc",
            RequestPayload = Request,
            ResponsePayload = "{\"Fault\":{\"Error\":[{\"code\":\"6240\"}]}}",
            ErrorCode = "6240",
            ErrorMessage = "Duplicate Name Exists Error",
            DurationMs = 1234,
        };

        var created = await store.InsertAsync(database, entry);
        var read = Assert.Single(await store.ListByPayloadAsync(org, "payload-1", default));

        Assert.Equal(created, read);
        Assert.Equal(Request, read.RequestPayload);
        Assert.Equal("req-abc", read.QboRequestId);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.CreatedAt);
    }

    [Theory, BothDatabases]
    public async Task ListByPayloadAsync_OrdersByAttemptAndIsTenantScoped(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new SyncLogStore(database, TestClock.Create());
        var org = Guid.NewGuid().ToString();
        var third = await store.InsertAsync(database, NewLog(org, "payload-3", 3));
        var first = await store.InsertAsync(database, NewLog(org, "payload-3", 1));
        var second = await store.InsertAsync(database, NewLog(org, "payload-3", 2));

        Assert.Equal([first.LogId, second.LogId, third.LogId], (await store.ListByPayloadAsync(org, "payload-3", default)).Select(l => l.LogId));
        Assert.Empty(await store.ListByPayloadAsync(Guid.NewGuid().ToString(), "payload-3", default));
    }

    [Theory, BothDatabases]
    public async Task ListAsync_FiltersAndPaging_NewestFirst(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var database = (await databases.GetAsync(kind)).Database;
        var store = new SyncLogStore(database, clock);
        var org = Guid.NewGuid().ToString();
        var start = clock.GetUtcNow().UtcDateTime;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await store.InsertAsync(database, NewLog(org, $"p{i}", 1) with { Status = i % 2 == 0 ? "succeeded" : "failed" })).LogId);
        }

        var page = await store.ListAsync(new SyncLogFilter { OrganizationId = org }, new PageRequest(page: 1, pageSize: 2), default);
        Assert.Equal(5, page.Total);
        Assert.Equal([ids[4], ids[3]], page.Items.Select(l => l.LogId));

        var failed = await store.ListAsync(new SyncLogFilter { OrganizationId = org, Status = "failed" }, new PageRequest(), default);
        Assert.Equal([ids[3], ids[1]], failed.Items.Select(l => l.LogId));

        var window = await store.ListAsync(new SyncLogFilter { OrganizationId = org, From = start.AddMinutes(2), To = start.AddMinutes(4) }, new PageRequest(), default);
        Assert.Equal([ids[2], ids[1]], window.Items.Select(l => l.LogId));
    }

    [Theory, BothDatabases]
    public async Task InsertAsync_DifferentMonths_LandInTheirMonthlyPartitions(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var org = Guid.NewGuid().ToString();
        var clocks = new[] { Clocks.InMonth(0, 2), Clocks.InMonth(1, 15), Clocks.InMonth(2, 28) };
        var logs = new List<SyncLog>();
        foreach (var clock in clocks)
        {
            logs.Add(await new SyncLogStore(database, clock).InsertAsync(database, NewLog(org, "payload-m", logs.Count + 1)));
        }

        var read = await new SyncLogStore(database, TimeProvider.System).ListByPayloadAsync(org, "payload-m", default);
        Assert.Equal(clocks.Select(c => c.GetUtcNow().UtcDateTime), read.Select(l => l.CreatedAt));
        if (kind == DatabaseKind.MySql)
        {
            foreach (var log in logs)
            {
                var partition = await Partitions.ExpectedForAsync(database, "sync_logs", log.CreatedAt);
                Assert.Equal("p" + log.CreatedAt.ToString("yyyyMM", CultureInfo.InvariantCulture), partition);
                Assert.Equal(1, await Partitions.CountInAsync(database, "sync_logs", partition, "log_id", log.LogId));
            }
        }
    }

    [Theory, BothDatabases]
    public async Task PartitionMaintenance_PastSyncLogRetention_RemovesOnlyExpiredLogs(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var org = Guid.NewGuid().ToString();
        var old = await new SyncLogStore(fresh.Database, Clocks.InMonth(0, 1)).InsertAsync(fresh.Database, NewLog(org, "p-old", 1));
        var recent = await new SyncLogStore(fresh.Database, Clocks.InMonth(2, 10)).InsertAsync(fresh.Database, NewLog(org, "p-new", 1));

        await Partitions.Maintenance(fresh.Database, Clocks.InMonth(3, 1), new() { SyncLogDays = 40 }).RunAsync();

        var store = new SyncLogStore(fresh.Database, TimeProvider.System);
        Assert.Empty(await store.ListByPayloadAsync(org, "p-old", default));
        Assert.Equal(recent.LogId, Assert.Single(await store.ListByPayloadAsync(org, "p-new", default)).LogId);
        Assert.NotEqual(old.LogId, recent.LogId);
    }

    private static NewSyncLog NewLog(string org, string payloadId, int attempt) => new()
    {
        OrganizationId = org,
        PayloadId = payloadId,
        SourceId = "source-1",
        Status = "processing",
        Attempt = attempt,
        RequestPayload = Request,
    };
}
