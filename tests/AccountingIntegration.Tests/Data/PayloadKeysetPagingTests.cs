using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Data;

public sealed class PayloadKeysetPagingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task ListPayloadsAsync_FollowingNextCursor_ReadsEveryPayloadOnceInListOrder(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        for (var i = 0; i < 7; i++)
        {
            // Pairs share their received_at, so the cursor must order by payload_id too.
            clock.Advance(TimeSpan.FromSeconds(i % 2));
            await store.CreatePayloadAsync(new NewPayload { OrganizationId = org, SourceId = source, RawPayload = "{}" }, default);
        }

        var everything = await store.ListPayloadsAsync(org, new PayloadFilter(), new PageRequest(pageSize: 50), default);
        var pages = new List<Page<WebhookPayloadSummary>> { await store.ListPayloadsAsync(org, new PayloadFilter(), new PageRequest(pageSize: 3), default) };
        while (pages[^1].NextCursor is { } cursor)
        {
            pages.Add(await store.ListPayloadsAsync(org, new PayloadFilter(), new PageRequest(pageSize: 3), default, PayloadCursor.Decode(cursor)));
        }

        Assert.Equal(7, everything.Total);
        Assert.False(everything.HasMore);
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal(everything.Items.Select(p => p.PayloadId), pages.SelectMany(p => p.Items).Select(p => p.PayloadId));
    }

    [Theory, BothDatabases]
    public async Task SearchPayloadsAsync_MoreMatchesThanTheCap_CountsToTheCapAndSaysItIsAnEstimate(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var receivedAt = TestClock.Create().GetUtcNow().UtcDateTime;
        await using (var transaction = await database.BeginTransactionAsync(default))
        {
            // Many rows per statement: 10,001 single inserts would take MariaDB most of a minute.
            foreach (var batch in Enumerable.Range(0, WebhookStore.MaxCountedTotal + 1).Chunk(500))
            {
                var values = string.Join(", ", batch.Select(i => $"(@Id{i}, @At, @Org, @Org, '{{}}', 'queued', 0, 0, @At)"));
                var parameters = new DynamicParameters(new { At = receivedAt, Org = org });
                foreach (var i in batch)
                {
                    parameters.Add($"Id{i}", Id(org, i));
                }

                await transaction.Connection.ExecuteAsync(
                    $"INSERT INTO webhook_payloads (payload_id, received_at, organization_id, source_id, raw_payload, status, attempts, processed, updated_at) VALUES {values}",
                    parameters, transaction.Transaction);
            }

            await transaction.CommitAsync(default);
        }

        var store = new WebhookStore(database, TestClock.Create());
        var first = await store.SearchPayloadsAsync(org, new PayloadFilter(), new PageRequest(pageSize: 2), default);
        var next = await store.SearchPayloadsAsync(org, new PayloadFilter(), new PageRequest(pageSize: 2), default, PayloadCursor.Decode(first.NextCursor!));
        var narrow = await store.SearchPayloadsAsync(org, new PayloadFilter { Status = PayloadStatus.Failed }, new PageRequest(), default);

        Assert.Equal(WebhookStore.MaxCountedTotal, first.Total);
        Assert.True(first.TotalIsEstimate);
        Assert.Equal([Id(org, 10_000), Id(org, 9_999)], first.Items.Select(p => p.PayloadId));
        Assert.Equal([Id(org, 9_998), Id(org, 9_997)], next.Items.Select(p => p.PayloadId));
        Assert.True(next.TotalIsEstimate);
        Assert.Equal(0, narrow.Total);
        Assert.False(narrow.TotalIsEstimate);
        Assert.Null(narrow.NextCursor);
    }

    [Fact]
    public void Decode_AnythingButAHandedOutCursor_IsNull()
    {
        var cursor = new PayloadCursor(new DateTime(2026, 11, 24, 10, 30, 15, DateTimeKind.Utc).AddTicks(1234), "0193-abc");

        Assert.Equal(cursor, PayloadCursor.Decode(cursor.Encode()));
        Assert.Null(PayloadCursor.Decode("not a cursor!"));
        Assert.Null(PayloadCursor.Decode("MTIzNA"));
        Assert.Null(PayloadCursor.Decode(new string('A', 400)));
    }

    /// <summary>Ids that sort by number within the organization, 36 characters at most like the column.</summary>
    private static string Id(string org, int i) => $"{org[..28]}-{i:D6}";
}
