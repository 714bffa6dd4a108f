using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Books;

/// <summary>The stored composition of batches: written whole, found by any item's fingerprint, settled, and purged.</summary>
public sealed class BatchStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task SavedBatch_IsFoundByAnyItemsFingerprint_WithEveryItemInOrder(DatabaseKind kind)
    {
        var store = new BatchStore((await databases.GetAsync(kind)).Database, TimeProvider.System);
        var (batch, items) = Batch(DateTime.UtcNow, 3);

        await store.SaveAsync(batch, items, default);
        var found = await store.FindByFingerprintAsync(items[1].Fingerprint, default);

        Assert.NotNull(found);
        Assert.Equal(batch.RequestId, found.Value.Batch.RequestId);
        Assert.Equal(BatchStates.Sent, found.Value.Batch.State);
        Assert.Equal(batch.Body, found.Value.Batch.Body);
        Assert.Equal(batch.EarliestCreateTime, found.Value.Batch.EarliestCreateTime);
        Assert.Equal(DateTimeKind.Utc, found.Value.Batch.LookUpSince.Kind);
        Assert.Equal(["1", "2", "3"], found.Value.Items.Select(i => i.Bid));
        Assert.All(found.Value.Items, i => Assert.Null(i.Outcome));
        Assert.Null(await store.FindByFingerprintAsync("payload-x:nothing", default));
    }

    [Theory, BothDatabases]
    public async Task Settle_RecordsEachOutcome_AndTheNewestBatchOfAFingerprintWins(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new BatchStore((await databases.GetAsync(kind)).Database, clock);
        var (first, firstItems) = Batch(clock.GetUtcNow().UtcDateTime, 2);
        await store.SaveAsync(first, firstItems, default);

        await store.SettleAsync(first.RequestId,
            [firstItems[0] with { Outcome = BatchItemOutcomes.Created, Response = """{"Id":"41"}""" }, firstItems[1] with { Outcome = BatchItemOutcomes.Absent }],
            default);
        clock.Advance(TimeSpan.FromMinutes(1));
        // The absent document goes out again, in a later batch.
        var (second, secondItems) = Batch(clock.GetUtcNow().UtcDateTime, 1);
        secondItems = [secondItems[0] with { Fingerprint = firstItems[1].Fingerprint }];
        await store.SaveAsync(second, secondItems, default);

        var settled = (await store.FindByFingerprintAsync(firstItems[0].Fingerprint, default))!.Value;
        Assert.Equal(BatchStates.Settled, settled.Batch.State);
        Assert.NotNull(settled.Batch.SettledAt);
        Assert.Equal([BatchItemOutcomes.Created, BatchItemOutcomes.Absent], settled.Items.Select(i => i.Outcome));
        Assert.Equal("""{"Id":"41"}""", settled.Items[0].Response);
        var newest = (await store.FindByFingerprintAsync(firstItems[1].Fingerprint, default))!.Value;
        Assert.Equal(second.RequestId, newest.Batch.RequestId);
    }

    [Theory, BothDatabases]
    public async Task Settle_KeepsTheFirstOutcome_SoALaterLookUpCannotUndoAResend(DatabaseKind kind)
    {
        var store = new BatchStore((await databases.GetAsync(kind)).Database, TimeProvider.System);
        var (batch, items) = Batch(DateTime.UtcNow, 2);
        await store.SaveAsync(batch, items, default);

        // One payload of the lost batch settles it (the second item still unknown) and sends its own document alone.
        var first = await store.SettleAsync(batch.RequestId, [items[0] with { Outcome = BatchItemOutcomes.Absent }, items[1]], default);
        await store.MarkResentAsync(first[0], default);
        // Another payload's look-up, begun before that create, settles the batch again.
        var second = await store.SettleAsync(batch.RequestId,
            [items[0] with { Outcome = BatchItemOutcomes.Absent }, items[1] with { Outcome = BatchItemOutcomes.Created, Response = """{"Id":"7"}""" }], default);

        Assert.Equal([BatchItemOutcomes.Absent, null], first.Select(i => i.Outcome));
        Assert.Equal([BatchItemOutcomes.Resent, BatchItemOutcomes.Created], second.Select(i => i.Outcome));
        Assert.Equal(second, (await store.FindByFingerprintAsync(items[0].Fingerprint, default))!.Value.Items);
    }

    [Theory, BothDatabases]
    public async Task DeleteOlderThan_RemovesOldBatchesAndTheirItemsOnly(DatabaseKind kind)
    {
        var store = new BatchStore((await databases.GetAsync(kind)).Database, TimeProvider.System);
        var now = DateTime.UtcNow;
        var (old, oldItems) = Batch(now.AddDays(-40), 2);
        var (recent, recentItems) = Batch(now, 2);
        await store.SaveAsync(old, oldItems, default);
        await store.SaveAsync(recent, recentItems, default);

        var deleted = await store.DeleteOlderThanAsync(now.AddDays(-30), default);

        Assert.True(deleted >= 1);
        Assert.Null(await store.FindByFingerprintAsync(oldItems[0].Fingerprint, default));
        Assert.Equal(2, (await store.FindByFingerprintAsync(recentItems[0].Fingerprint, default))!.Value.Items.Count);
    }

    [Theory, BothDatabases]
    public async Task DeleteOlderThan_MoreBatchesThanOneChunk_DeletesThemAllAndTheirItems(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new BatchStore(database, TimeProvider.System) { PurgeChunk = 2 };
        var now = DateTime.UtcNow;
        var old = Enumerable.Range(1, 5).Select(i => Batch(now.AddDays(-40).AddMinutes(-i), 3)).ToList();
        var (recent, recentItems) = Batch(now, 3);
        foreach (var (batch, items) in old)
        {
            await store.SaveAsync(batch, items, default);
        }

        await store.SaveAsync(recent, recentItems, default);

        var deleted = await store.DeleteOlderThanAsync(now.AddDays(-30), default);

        Assert.True(deleted >= old.Count);
        var oldIds = old.Select(o => o.Batch.RequestId).ToList();
        Assert.Equal(0, await Sql.CountAsync(database, "SELECT COUNT(*) FROM qbo_batch_items WHERE request_id IN @Ids", new { Ids = oldIds }));
        Assert.Equal(0, await Sql.CountAsync(database, "SELECT COUNT(*) FROM qbo_batches WHERE request_id IN @Ids", new { Ids = oldIds }));
        Assert.Equal(3, (await store.FindByFingerprintAsync(recentItems[0].Fingerprint, default))!.Value.Items.Count);
    }

    private static (StoredBatch Batch, IReadOnlyList<StoredBatchItem> Items) Batch(DateTime createdAt, int count)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var batch = new StoredBatch
        {
            RequestId = requestId,
            OrganizationId = "org-" + requestId[..8],
            RealmId = "9130",
            State = BatchStates.Sent,
            Body = """{"BatchItemRequest":[]}""",
            CreatedAt = createdAt,
            // With microseconds, which both databases keep.
            EarliestCreateTime = TestClock.Create().GetUtcNow().UtcDateTime,
        };
        var items = Enumerable.Range(0, count).Select(i => new StoredBatchItem
        {
            RequestId = requestId,
            Bid = BatchAnswers.Bid(i),
            Fingerprint = $"payload-{Guid.NewGuid():N}:{i}",
            PayloadId = "payload-" + i,
            EntityType = "Invoice",
        }).ToList();
        return (batch, items);
    }
}
