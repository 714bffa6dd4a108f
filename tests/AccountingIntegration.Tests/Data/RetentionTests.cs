using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// Retention deletes what is not partitioned (the dedupe keys on both databases, every high-volume table on SQLite) a
/// batch at a time, each batch its own statement, so ingest never waits behind one long delete.
/// </summary>
public sealed class RetentionTests
{
    private const int Expired = 5;

    [Theory, BothDatabases]
    public async Task ExpiredRowsBeyondOneBatch_AreAllDeleted_RecentOnesKept(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var (org, _) = await ReceiveAsync(fresh.Database);

        await Maintenance(fresh.Database).RunAsync();

        Assert.Equal(0, await Sql.CountAsync(fresh.Database, "SELECT COUNT(*) FROM webhook_event_keys WHERE event_key LIKE 'old-%'"));
        Assert.Equal(1, await Sql.CountAsync(fresh.Database, "SELECT COUNT(*) FROM webhook_event_keys WHERE event_key = 'recent'"));
        Assert.Equal(1, await Sql.CountAsync(fresh.Database, "SELECT COUNT(*) FROM webhook_payloads WHERE organization_id = @Org", new { Org = org }));
    }

    /// <summary>
    /// SQLite has one writer, so only MariaDB shows the steps from outside: while another transaction holds the newest
    /// expired key, the batches before it are already committed, and only that key's batch waits.
    /// </summary>
    [Fact]
    public async Task EachBatchCommitsOnItsOwn_ALockedKeyHoldsBackOnlyItsBatch()
    {
        await using var fresh = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        var (org, source) = await ReceiveAsync(fresh.Database);
        await using var rival = await fresh.Database.OpenAsync();
        await using var transaction = await Database.BeginAsync(rival);
        await rival.ExecuteAsync(
            "SELECT event_key FROM webhook_event_keys WHERE organization_id = @Org AND source_id = @Source AND event_key = @Key FOR UPDATE",
            new { Org = org, Source = source, Key = $"old-{Expired}" }, transaction);

        var maintenance = Maintenance(fresh.Database).RunAsync();
        var left = Expired;
        for (var waited = 0; left > 1 && waited < 300 && !maintenance.IsCompleted; waited++)
        {
            await Task.Delay(50);
            left = (int)await Sql.CountAsync(fresh.Database, "SELECT COUNT(*) FROM webhook_event_keys WHERE event_key LIKE 'old-%'");
        }

        Assert.False(maintenance.IsCompleted);
        Assert.Equal(1, left);
        await transaction.RollbackAsync();
        await maintenance;
        Assert.Equal(0, await Sql.CountAsync(fresh.Database, "SELECT COUNT(*) FROM webhook_event_keys WHERE event_key LIKE 'old-%'"));
    }

    /// <summary>Five payloads received a day apart in this month, oldest first, and one two months later.</summary>
    private static async Task<(string Org, string Source)> ReceiveAsync(Database database)
    {
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        for (var day = 1; day <= Expired; day++)
        {
            await new WebhookStore(database, Clocks.InMonth(0, day)).CreatePayloadAsync(Payload(org, source, $"old-{day}"), default);
        }

        await new WebhookStore(database, Clocks.InMonth(2, 10)).CreatePayloadAsync(Payload(org, source, "recent"), default);
        return (org, source);
    }

    /// <summary>Retention run a month after the last payload, keeping 40 days, two rows a statement.</summary>
    private static PartitionMaintenance Maintenance(Database database) =>
        new(database, new RetentionOptions { PayloadDays = 40 }, Clocks.InMonth(3, 1), Microsoft.Extensions.Logging.Abstractions.NullLogger<PartitionMaintenance>.Instance)
        {
            DeleteBatch = 2,
        };

    private static NewPayload Payload(string org, string source, string eventKey) =>
        new() { OrganizationId = org, SourceId = source, EventKey = eventKey, RawPayload = "{\"id\":1}" };
}
