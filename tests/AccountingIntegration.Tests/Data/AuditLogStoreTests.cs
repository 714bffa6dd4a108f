using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class AuditLogStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task LogEventAsync_ThenQuery_RoundTripsEveryFieldAndDetails(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new AuditLogStore((await databases.GetAsync(kind)).Database, clock);
        var org = Guid.NewGuid().ToString();
        var details = new JsonObject
        {
            ["changed"] = new JsonArray("name", "plan_tier"),
            ["note"] = "Zoë's café ☕ 😀",
            ["big"] = 820982911946154508,
            ["nested"] = new JsonObject { ["secret"] = "[redacted]" },
        };

        var stored = await store.InsertAsync(Entry(org) with { Details = details, Ip = "2001:db8::1", TargetType = "organization", TargetId = org }, default);
        var read = Assert.Single((await store.ListAsync(new AuditFilter { OrganizationId = org }, new PageRequest(), default)).Items);

        Assert.NotEmpty(stored.LogId);
        Assert.Equal(stored.LogId, read.LogId);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.Timestamp);
        Assert.Equal(DateTimeKind.Utc, read.Timestamp.Kind);
        Assert.Equal("admin", read.ActorType);
        Assert.Equal("actor-1", read.ActorId);
        Assert.Equal("organizations", read.Category);
        Assert.Equal("update", read.Action);
        Assert.Equal("organization", read.TargetType);
        Assert.Equal(org, read.TargetId);
        Assert.Equal("2001:db8::1", read.Ip);
        Assert.Equal(details.ToJsonString(), read.Details.ToJsonString());
    }

    [Theory, BothDatabases]
    public async Task InsertBatchAsync_StoresAllInOneGo_DuplicateIdRollsBackTheWholeBatch(DatabaseKind kind)
    {
        var store = new AuditLogStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var org = Guid.NewGuid().ToString();
        var batch = Enumerable.Range(0, 25).Select(i => Entry(org) with { Action = $"action-{i}" }).ToList();

        var stored = await store.InsertBatchAsync(batch, default);
        Assert.Equal(25, (await store.ListAsync(new AuditFilter { OrganizationId = org }, new PageRequest(), default)).Total);

        var otherOrg = Guid.NewGuid().ToString();
        var clash = new[] { Entry(otherOrg), stored[0] with { OrganizationId = otherOrg } };
        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.InsertBatchAsync(clash, default));
        Assert.Equal(0, (await store.ListAsync(new AuditFilter { OrganizationId = otherOrg }, new PageRequest(), default)).Total);
    }

    [Theory, BothDatabases]
    public async Task QueryLogsAsync_FiltersAndPaging_NewestFirst(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new AuditLogStore((await databases.GetAsync(kind)).Database, clock);
        var org = Guid.NewGuid().ToString();
        var start = clock.GetUtcNow().UtcDateTime;
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var entry = Entry(org) with { Category = i < 3 ? "auth" : "keys", Action = i % 2 == 0 ? "login" : "revoke", ActorId = $"actor-{i % 3}" };
            ids.Add((await store.InsertAsync(entry, default)).LogId);
        }

        var page = await store.ListAsync(new AuditFilter { OrganizationId = org }, new PageRequest(page: 2, pageSize: 4), default);
        Assert.Equal(6, page.Total);
        Assert.Equal([ids[1], ids[0]], page.Items.Select(e => e.LogId));

        Assert.Equal([ids[2], ids[0]], (await store.ListAsync(
            new AuditFilter { OrganizationId = org, Category = "auth", Action = "login" }, new PageRequest(), default)).Items.Select(e => e.LogId));
        Assert.Equal([ids[4], ids[1]], (await store.ListAsync(
            new AuditFilter { OrganizationId = org, ActorId = "actor-1" }, new PageRequest(), default)).Items.Select(e => e.LogId));
        Assert.Equal([ids[3], ids[2]], (await store.ListAsync(
            new AuditFilter { OrganizationId = org, From = start.AddMinutes(3), To = start.AddMinutes(5) }, new PageRequest(), default)).Items.Select(e => e.LogId));
    }

    [Theory, BothDatabases]
    public async Task LogEventAsync_DifferentDays_LandInTheirDailyPartitions(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var org = Guid.NewGuid().ToString();
        var entries = new List<AuditEntry>();
        foreach (var days in new[] { 0, 1, 9 })
        {
            entries.Add(await new AuditLogStore(database, Clocks.FromToday(TimeSpan.FromDays(days).Add(TimeSpan.FromHours(23)))).InsertAsync(Entry(org), default));
        }

        var read = await new AuditLogStore(database, TimeProvider.System).ListAsync(new AuditFilter { OrganizationId = org }, new PageRequest(), default);
        Assert.Equal(entries.Select(e => e.Timestamp).Reverse(), read.Items.Select(e => e.Timestamp));
        if (kind == DatabaseKind.MySql)
        {
            foreach (var entry in entries)
            {
                var partition = await Partitions.ExpectedForAsync(database, "audit_logs", entry.Timestamp);
                Assert.Equal("p" + entry.Timestamp.ToString("yyyyMMdd", CultureInfo.InvariantCulture), partition);
                Assert.Equal(1, await Partitions.CountInAsync(database, "audit_logs", partition, "log_id", entry.LogId));
            }
        }
    }

    [Theory, BothDatabases]
    public async Task PartitionMaintenance_PastAuditRetention_RemovesOnlyExpiredEntries(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var org = Guid.NewGuid().ToString();
        var old = await new AuditLogStore(fresh.Database, Clocks.FromToday(TimeSpan.FromHours(1))).InsertAsync(Entry(org), default);
        var recent = await new AuditLogStore(fresh.Database, Clocks.FromToday(TimeSpan.FromDays(12))).InsertAsync(Entry(org), default);

        await Partitions.Maintenance(fresh.Database, Clocks.FromToday(TimeSpan.FromDays(14)), new() { AuditDays = 7 }).RunAsync();

        var left = await new AuditLogStore(fresh.Database, TimeProvider.System).ListAsync(new AuditFilter { OrganizationId = org }, new PageRequest(), default);
        Assert.Equal(recent.LogId, Assert.Single(left.Items).LogId);
        Assert.NotEqual(old.LogId, recent.LogId);
    }

    [Theory, BothDatabases]
    public async Task ListAsync_CountsMatchesOnlyToTheCap_AndSaysWhenTheTotalIsALowerBound(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new AuditLogStore((await databases.GetAsync(kind)).Database, clock);
        var busy = Guid.NewGuid().ToString();
        var quiet = Guid.NewGuid().ToString();
        await store.InsertBatchAsync([.. Enumerable.Range(0, CappedPage.Cap + 5).Select(_ => Entry(busy))], default);
        await store.InsertBatchAsync([.. Enumerable.Range(0, 60).Select(_ => Entry(quiet))], default);

        var deep = await store.ListAsync(new AuditFilter { OrganizationId = busy }, new PageRequest(2, 50), default);
        var last = await store.ListAsync(new AuditFilter { OrganizationId = quiet }, new PageRequest(2, 50), default);
        var all = await store.ListAsync(new AuditFilter { OrganizationId = quiet }, new PageRequest(1, 100), default);

        Assert.Equal((50, CappedPage.Cap, true, true), (deep.Items.Count, deep.Total, deep.TotalIsEstimate, deep.HasMore));
        Assert.Equal((10, 60, false, false), (last.Items.Count, last.Total, last.TotalIsEstimate, last.HasMore));
        Assert.Equal((60, 60, false, false), (all.Items.Count, all.Total, all.TotalIsEstimate, all.HasMore));
    }

    private static AuditEntry Entry(string org) => new()
    {
        OrganizationId = org,
        ActorType = "admin",
        ActorId = "actor-1",
        Category = "organizations",
        Action = "update",
    };
}
