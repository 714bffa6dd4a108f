using System.Globalization;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class SyncLogStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Request = "{\"Line\":[{\"Amount\":19.99,\"Description\":\"Zoë ☕ 😀\"}],\"CustomerRef\":{\"value\":\"820982911946154508\"}}";

    [Theory, BothDatabases]
    public async Task CreateLogAsync_ThenGetByPayloadId_RoundTripsEveryField(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new SyncLogStore((await databases.GetAsync(kind)).Database, clock);
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

        var created = await store.CreateLogAsync(entry, default);
        var read = Assert.Single(await store.GetByPayloadIdAsync(org, "payload-1", default));

        Assert.Equal(created, read);
        Assert.Equal(Request, read.RequestPayload);
        Assert.Equal("req-abc", read.QboRequestId);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.CreatedAt);
    }

    [Theory, BothDatabases]
    public async Task UpdateStatusAsync_ByLogIdAndCreatedAt_CompletesTheAttempt(DatabaseKind kind)
    {
        var store = new SyncLogStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var org = Guid.NewGuid().ToString();
        var created = await store.CreateLogAsync(NewLog(org, "payload-2", 1), default);

        Assert.True(await store.UpdateStatusAsync(created.LogId, created.CreatedAt, "succeeded", "1042", "{\"Invoice\":{\"Id\":\"1042\"}}", null, null, 321, default));
        Assert.False(await store.UpdateStatusAsync(created.LogId, created.CreatedAt.AddTicks(10), "failed", null, null, "X", "wrong key", 1, default));

        var read = Assert.Single(await store.GetByPayloadIdAsync(org, "payload-2", default));
        Assert.Equal("succeeded", read.Status);
        Assert.Equal("1042", read.QboInvoiceId);
        Assert.Equal("{\"Invoice\":{\"Id\":\"1042\"}}", read.ResponsePayload);
        Assert.Null(read.ErrorCode);
        Assert.Equal(321, read.DurationMs);
        Assert.Equal(Request, read.RequestPayload);
    }

    [Theory, BothDatabases]
    public async Task UpdateStatusAsync_KeyFromASystemClockWithSubMicrosecondTicks_StillFindsTheRow(DatabaseKind kind)
    {
        // Production clocks have 100 ns ticks while MySQL keeps microseconds: the key handed back
        // by CreateLogAsync must still address the stored row.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestClock.Create().GetUtcNow().AddTicks(7));
        var store = new SyncLogStore((await databases.GetAsync(kind)).Database, clock);
        var org = Guid.NewGuid().ToString();
        var created = await store.CreateLogAsync(NewLog(org, "payload-ticks", 1), default);

        Assert.True(await store.UpdateStatusAsync(created.LogId, created.CreatedAt, "failed", null, null, "E", "m", 5, default));

        Assert.Equal("failed", Assert.Single(await store.GetByPayloadIdAsync(org, "payload-ticks", default)).Status);
    }

    [Theory, BothDatabases]
    public async Task GetByPayloadIdAsync_OrdersByAttemptAndIsTenantScoped(DatabaseKind kind)
    {
        var store = new SyncLogStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var org = Guid.NewGuid().ToString();
        var third = await store.CreateLogAsync(NewLog(org, "payload-3", 3), default);
        var first = await store.CreateLogAsync(NewLog(org, "payload-3", 1), default);
        var second = await store.CreateLogAsync(NewLog(org, "payload-3", 2), default);

        Assert.Equal([first.LogId, second.LogId, third.LogId], (await store.GetByPayloadIdAsync(org, "payload-3", default)).Select(l => l.LogId));
        Assert.Empty(await store.GetByPayloadIdAsync(Guid.NewGuid().ToString(), "payload-3", default));
    }

    [Theory, BothDatabases]
    public async Task ListAsync_FiltersAndPaging_NewestFirst(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new SyncLogStore((await databases.GetAsync(kind)).Database, clock);
        var org = Guid.NewGuid().ToString();
        var start = clock.GetUtcNow().UtcDateTime;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await store.CreateLogAsync(NewLog(org, $"p{i}", 1) with { Status = i % 2 == 0 ? "succeeded" : "failed" }, default)).LogId);
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
    public async Task CreateLogAsync_DifferentMonths_LandInTheirMonthlyPartitions(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var org = Guid.NewGuid().ToString();
        var clocks = new[] { Clocks.InMonth(0, 2), Clocks.InMonth(1, 15), Clocks.InMonth(2, 28) };
        var logs = new List<SyncLog>();
        foreach (var clock in clocks)
        {
            logs.Add(await new SyncLogStore(database, clock).CreateLogAsync(NewLog(org, "payload-m", logs.Count + 1), default));
        }

        var read = await new SyncLogStore(database, TimeProvider.System).GetByPayloadIdAsync(org, "payload-m", default);
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
        var old = await new SyncLogStore(fresh.Database, Clocks.InMonth(0, 1)).CreateLogAsync(NewLog(org, "p-old", 1), default);
        var recent = await new SyncLogStore(fresh.Database, Clocks.InMonth(2, 10)).CreateLogAsync(NewLog(org, "p-new", 1), default);

        await Partitions.Maintenance(fresh.Database, Clocks.InMonth(3, 1), new() { SyncLogDays = 40 }).RunAsync();

        var store = new SyncLogStore(fresh.Database, TimeProvider.System);
        Assert.Empty(await store.GetByPayloadIdAsync(org, "p-old", default));
        Assert.Equal(recent.LogId, Assert.Single(await store.GetByPayloadIdAsync(org, "p-new", default)).LogId);
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
