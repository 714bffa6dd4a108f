using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The readiness probe's "oldest unclaimed due entry" reads the due index from its start instead of every claimable entry;
/// it must still name the moment the old query over all of them named, with leases that ran out in the mix.
/// </summary>
public sealed class QueueBacklogTests
{
    private const string AllClaimableSql = $"""
        SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END)
        FROM webhook_queue WHERE {WebhookQueueStore.ClaimableCondition}
        """;

    [Theory, BothDatabases]
    public async Task OldestUnclaimedDue_WithExpiredLeasesParkedAndFutureEntries_EqualsTheMinimumOverAllClaimable(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var org = (await TestData.OrganizationAsync(database.Database)).OrganizationId;
        var now = TestClock.Create().GetUtcNow().UtcDateTime;
        var backlog = new QueueBacklog(database.Database);
        var entries = new (string Name, string Status, int DueMinutes, int? LeaseMinutes)[]
        {
            ("queued", PayloadStatus.Queued, -10, null),
            ("lease ran out", PayloadStatus.Processing, -60, -1),
            ("retrying", PayloadStatus.Retrying, -5, null),
            ("leased", PayloadStatus.Processing, -70, 5),
            ("not due", PayloadStatus.Queued, 1, null),
            ("parked", PayloadStatus.WaitingConnection, -100, null),
        };
        await InsertAsync(database, org, now, entries);
        var expected = new List<DateTime?>();
        var actual = new List<DateTime?>();

        foreach (var removed in new[] { "queued", "retrying", "lease ran out", "not due" })
        {
            expected.Add(await Sql.ScalarAsync<DateTime?>(database.Database, AllClaimableSql, WebhookQueueStore.ClaimableParameters(now)));
            actual.Add(await backlog.OldestUnclaimedDueAsync(now, default));
            await Sql.ScalarAsync<long>(database.Database, "DELETE FROM webhook_queue WHERE payload_id = @Id", new { Id = removed });
        }

        Assert.Equal([now.AddMinutes(-10), now.AddMinutes(-5), now.AddMinutes(-1), null], expected);
        Assert.Equal(expected, actual);
    }

    private static async Task InsertAsync(TestDatabase database, string org, DateTime now, IEnumerable<(string Name, string Status, int DueMinutes, int? LeaseMinutes)> entries)
    {
        const string sql = """
            INSERT INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until)
            VALUES (@Id, @ReceivedAt, @Org, @Status, 0, @Due, @Owner, @Lease)
            """;
        await using var connection = await database.Database.OpenAsync();
        foreach (var e in entries)
        {
            await connection.ExecuteAsync(sql, new
            {
                Id = e.Name,
                ReceivedAt = now.AddHours(-2),
                Org = org,
                e.Status,
                Due = now.AddMinutes(e.DueMinutes),
                Owner = e.LeaseMinutes is null ? null : "w",
                Lease = e.LeaseMinutes is { } m ? now.AddMinutes(m) : (DateTime?)null,
            });
        }
    }
}
