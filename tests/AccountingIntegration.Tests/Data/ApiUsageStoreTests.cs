using System.Globalization;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class ApiUsageStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task InsertBatchAsync_ThenQuery_RoundTripsEveryField(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new ApiUsageStore((await databases.GetAsync(kind)).Database, clock);
        var org = Guid.NewGuid().ToString();
        var explicitTime = clock.GetUtcNow().UtcDateTime.AddSeconds(-30);
        var batch = new[]
        {
            Entry(org, "key-1") with { Timestamp = explicitTime, StatusCode = 202, DurationMs = 17 },
            Entry(org, null) with { Endpoint = "/api/v1/payloads/{payloadId}", Method = "GET", StatusCode = 404, DurationMs = 3 },
        };

        var stored = await store.InsertBatchAsync(batch, default);
        var read = await store.ListAsync(new UsageFilter { OrganizationId = org }, new PageRequest(), default);

        Assert.Equal([stored[1], stored[0]], read.Items);
        Assert.Equal(explicitTime, read.Items[1].Timestamp);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.Items[0].Timestamp);
        Assert.Equal(DateTimeKind.Utc, read.Items[0].Timestamp.Kind);
        Assert.Equal("/api/v1/webhook/{clientSlug}", read.Items[1].Endpoint);
        Assert.Null(read.Items[0].ApiKeyId);
        Assert.All(stored, e => Assert.NotEmpty(e.LogId));
    }

    [Theory, BothDatabases]
    public async Task InsertBatchAsync_LargeBatch_StoresEveryRowAndEmptyBatchIsANoOp(DatabaseKind kind)
    {
        var store = new ApiUsageStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var org = Guid.NewGuid().ToString();

        await store.InsertBatchAsync(Enumerable.Range(0, 500).Select(i => Entry(org, $"key-{i % 4}")).ToList(), default);
        Assert.Empty(await store.InsertBatchAsync([], default));

        Assert.Equal(500, (await store.ListAsync(new UsageFilter { OrganizationId = org }, new PageRequest(), default)).Total);
        Assert.Equal(125, (await store.ListAsync(new UsageFilter { OrganizationId = org, ApiKeyId = "key-2" }, new PageRequest(), default)).Total);
    }

    [Theory, BothDatabases]
    public async Task QueryAsync_TimeWindowAndPaging_NewestFirst(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new ApiUsageStore((await databases.GetAsync(kind)).Database, clock);
        var org = Guid.NewGuid().ToString();
        var start = clock.GetUtcNow().UtcDateTime;
        var stored = await store.InsertBatchAsync(
            Enumerable.Range(1, 5).Select(i => Entry(org, "k") with { Timestamp = start.AddMinutes(i) }).ToList(), default);

        var page = await store.ListAsync(new UsageFilter { OrganizationId = org }, new PageRequest(page: 2, pageSize: 2), default);
        Assert.Equal(5, page.Total);
        Assert.Equal([stored[2].LogId, stored[1].LogId], page.Items.Select(e => e.LogId));

        var window = await store.ListAsync(new UsageFilter { OrganizationId = org, From = start.AddMinutes(2), To = start.AddMinutes(4) }, new PageRequest(), default);
        Assert.Equal([stored[2].LogId, stored[1].LogId], window.Items.Select(e => e.LogId));
        Assert.Equal(0, (await store.ListAsync(new UsageFilter { OrganizationId = Guid.NewGuid().ToString() }, new PageRequest(), default)).Total);
    }

    [Theory, BothDatabases]
    public async Task InsertBatchAsync_DifferentDays_LandInTheirDailyPartitions(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var org = Guid.NewGuid().ToString();
        var today = Clocks.FromToday(TimeSpan.FromHours(5)).GetUtcNow().UtcDateTime;
        var stored = await new ApiUsageStore(database, TimeProvider.System).InsertBatchAsync(
            [Entry(org, "k") with { Timestamp = today }, Entry(org, "k") with { Timestamp = today.AddDays(3) }], default);

        Assert.Equal(2, (await new ApiUsageStore(database, TimeProvider.System).ListAsync(new UsageFilter { OrganizationId = org }, new PageRequest(), default)).Total);
        if (kind == DatabaseKind.MySql)
        {
            foreach (var entry in stored)
            {
                var partition = await Partitions.ExpectedForAsync(database, "api_usage_logs", entry.Timestamp);
                Assert.Equal("p" + entry.Timestamp.ToString("yyyyMMdd", CultureInfo.InvariantCulture), partition);
                Assert.Equal(1, await Partitions.CountInAsync(database, "api_usage_logs", partition, "log_id", entry.LogId));
            }
        }
    }

    [Theory, BothDatabases]
    public async Task PartitionMaintenance_PastUsageRetention_RemovesOnlyExpiredRows(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var org = Guid.NewGuid().ToString();
        var today = Clocks.FromToday(TimeSpan.FromHours(1)).GetUtcNow().UtcDateTime;
        var stored = await new ApiUsageStore(fresh.Database, TimeProvider.System).InsertBatchAsync(
            [Entry(org, "k") with { Timestamp = today }, Entry(org, "k") with { Timestamp = today.AddDays(12) }], default);

        await Partitions.Maintenance(fresh.Database, Clocks.FromToday(TimeSpan.FromDays(14)), new() { ApiUsageDays = 7 }).RunAsync();

        var left = await new ApiUsageStore(fresh.Database, TimeProvider.System).ListAsync(new UsageFilter { OrganizationId = org }, new PageRequest(), default);
        Assert.Equal(stored[1].LogId, Assert.Single(left.Items).LogId);
    }

    private static ApiUsageEntry Entry(string org, string? keyId) => new()
    {
        OrganizationId = org,
        ApiKeyId = keyId,
        Endpoint = "/api/v1/webhook/{clientSlug}",
        Method = "POST",
        StatusCode = 202,
        DurationMs = 12,
    };
}
