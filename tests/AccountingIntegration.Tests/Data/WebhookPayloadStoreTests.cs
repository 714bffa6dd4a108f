using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class WebhookPayloadStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    // Whitespace, escapes, unicode, deep nesting and an id beyond double precision: all must survive byte for byte.
    private const string RawPayload =
        "{ \"id\" : 820982911946154508,\n  \"amount\": 19.990, \"note\": \"Zoë's café ☕ \\u00e9 \\\"q\\\" 😀\",\n" +
        "  \"items\": [ {\"sku\": \"A-1\", \"meta\": {\"deep\": {\"deeper\": [1, 2.50, null, true]}}} ],\t\"empty\": {} }";

    [Theory, BothDatabases]
    public async Task CreatePayloadAsync_ThenGetPayload_RoundTripsEveryFieldAndBodyByteExact(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var payload = NewPayload(org, source, "evt_1") with { ApiKeyId = Guid.NewGuid().ToString() };

        var accepted = await store.CreatePayloadAsync(payload, default);
        var read = await store.GetPayloadAsync(org, accepted.PayloadId, default);

        var now = clock.GetUtcNow().UtcDateTime;
        Assert.False(accepted.Duplicate);
        Assert.Equal(now, accepted.ReceivedAt);
        Assert.NotNull(read);
        Assert.Equal(RawPayload, read.RawPayload);
        Assert.Equal(payload.ApiKeyId, read.ApiKeyId);
        Assert.Equal("evt_1", read.EventKey);
        Assert.Equal(source, read.SourceId);
        Assert.Equal(PayloadStatus.Queued, read.Status);
        Assert.Equal(0, read.Attempts);
        Assert.False(read.Processed);
        Assert.Null(read.InvoiceId);
        Assert.Null(read.CompletedAt);
        Assert.Equal(DateTimeKind.Utc, read.ReceivedAt.Kind);
        Assert.Equal(now, read.ReceivedAt);
        Assert.Equal(now, read.NextAttemptAt);
        Assert.Equal(1, await QueueCountAsync(database, accepted.PayloadId));
        Assert.Equal(PayloadStatus.Queued, await Sql.ScalarAsync<string>(database, "SELECT status FROM webhook_queue WHERE payload_id = @Id", new { Id = accepted.PayloadId }));
    }

    [Theory, BothDatabases]
    public async Task CreatePayloadAsync_SameEventKey_ReturnsTheFirstPayloadAsDuplicateAndStoresNothing(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var first = await store.CreatePayloadAsync(NewPayload(org, source, "evt_dup"), default);
        clock.Advance(TimeSpan.FromSeconds(5));

        var again = await store.CreatePayloadAsync(NewPayload(org, source, "evt_dup") with { RawPayload = "{\"other\":1}" }, default);

        Assert.True(again.Duplicate);
        Assert.Equal(first.PayloadId, again.PayloadId);
        Assert.Equal(first.ReceivedAt, again.ReceivedAt);
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_payloads WHERE organization_id = @Org", new { Org = org }));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_queue WHERE organization_id = @Org", new { Org = org }));
    }

    [Theory, BothDatabases]
    public async Task CreatePayloadAsync_KeyDiffersInCaseOrSourceOrIsAbsent_IsNotADuplicate(DatabaseKind kind)
    {
        var (database, store, _, org, source) = await ArrangeAsync(kind);
        var otherSource = (await TestData.SourceAsync(database, org)).SourceId;

        var results = new[]
        {
            await store.CreatePayloadAsync(NewPayload(org, source, "Evt_Case"), default),
            await store.CreatePayloadAsync(NewPayload(org, source, "evt_case"), default),
            await store.CreatePayloadAsync(NewPayload(org, otherSource, "evt_case"), default),
            await store.CreatePayloadAsync(NewPayload(org, source, null), default),
            await store.CreatePayloadAsync(NewPayload(org, source, null), default),
        };

        Assert.All(results, r => Assert.False(r.Duplicate));
        Assert.Equal(5, results.Select(r => r.PayloadId).Distinct().Count());
    }

    [Theory, BothDatabases]
    public async Task CreatePayloadAsync_ConcurrentSameEventKey_StoresExactlyOnePayload(DatabaseKind kind)
    {
        var (database, store, _, org, source) = await ArrangeAsync(kind);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => store.CreatePayloadAsync(NewPayload(org, source, "evt_race"), default))));

        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(results.Select(r => r.PayloadId).Distinct());
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_payloads WHERE organization_id = @Org", new { Org = org }));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_queue WHERE organization_id = @Org", new { Org = org }));
    }

    [Theory, BothDatabases]
    public async Task CreatePayloadAsync_LongestEventKey_IsKeptWhole_LongerKeyIsRejected(DatabaseKind kind)
    {
        var (_, store, _, org, source) = await ArrangeAsync(kind);
        var prefix = new string('k', WebhookStore.MaxEventKeyLength - 1);

        var a = await store.CreatePayloadAsync(NewPayload(org, source, prefix + "a"), default);
        var b = await store.CreatePayloadAsync(NewPayload(org, source, prefix + "b"), default);

        Assert.False(b.Duplicate);
        Assert.Equal(prefix + "a", (await store.GetPayloadAsync(org, a.PayloadId, default))!.EventKey);
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreatePayloadAsync(NewPayload(org, source, prefix + "xy"), default));
    }

    [Theory, BothDatabases]
    public async Task GetPayloadAsync_AnotherOrganizationsPayload_ReturnsNull(DatabaseKind kind)
    {
        var (database, store, _, org, source) = await ArrangeAsync(kind);
        var intruder = (await TestData.OrganizationAsync(database)).OrganizationId;
        var accepted = await store.CreatePayloadAsync(NewPayload(org, source, null), default);

        Assert.Null(await store.GetPayloadAsync(intruder, accepted.PayloadId, default));
        Assert.Equal(0, (await store.ListPayloadsAsync(intruder, new PayloadFilter(), new PageRequest(), default)).Total);
    }

    [Theory, BothDatabases]
    public async Task ListPayloadsAsync_FiltersAndPaging_ReturnNewestFirstWithTotal(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var otherSource = (await TestData.SourceAsync(database, org)).SourceId;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await store.CreatePayloadAsync(NewPayload(org, source, null), default)).PayloadId);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var other = await store.CreatePayloadAsync(NewPayload(org, otherSource, null), default);
        await store.MarkOutcomeAsync(database, ids[0], PayloadStatus.Failed, "bad", null);
        var start = TestClock.Create().GetUtcNow().UtcDateTime;

        var page = await store.ListPayloadsAsync(org, new PayloadFilter { SourceId = source }, new PageRequest(page: 2, pageSize: 2), default);
        Assert.Equal(5, page.Total);
        Assert.Equal([ids[2], ids[1]], page.Items.Select(p => p.PayloadId));

        var failed = await store.ListPayloadsAsync(org, new PayloadFilter { Status = PayloadStatus.Failed }, new PageRequest(), default);
        Assert.Equal(ids[0], Assert.Single(failed.Items).PayloadId);

        var window = await store.ListPayloadsAsync(
            org, new PayloadFilter { ReceivedFrom = start.AddMinutes(2), ReceivedTo = start.AddMinutes(4) }, new PageRequest(), default);
        Assert.Equal([ids[2], ids[1]], window.Items.Select(p => p.PayloadId));

        var all = await store.ListPayloadsAsync(org, new PayloadFilter(), new PageRequest(), default);
        Assert.Equal(other.PayloadId, all.Items[0].PayloadId);
        Assert.Equal(6, all.Total);
    }

    [Theory, BothDatabases]
    public async Task MarkProcessedAsync_SetsSucceededWithInvoiceAndRemovesQueueEntry(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var accepted = await store.CreatePayloadAsync(NewPayload(org, source, null), default);
        await Sql.ScalarAsync<int>(database, "UPDATE webhook_queue SET attempts = 2 WHERE payload_id = @Id", new { Id = accepted.PayloadId });
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await store.MarkProcessedAsync(database, accepted.PayloadId, "1042"));

        var read = await store.GetPayloadAsync(org, accepted.PayloadId, default);
        Assert.Equal(PayloadStatus.Succeeded, read!.Status);
        Assert.True(read.Processed);
        Assert.Equal("1042", read.InvoiceId);
        Assert.Equal(2, read.Attempts);
        Assert.Equal(accepted.ReceivedAt.AddSeconds(3), read.CompletedAt);
        Assert.Equal(0, await QueueCountAsync(database, accepted.PayloadId));
        Assert.False(await store.MarkProcessedAsync(database, Guid.NewGuid().ToString(), "1"));
    }

    [Theory, BothDatabases]
    public async Task MarkOutcomeAsync_Retrying_KeepsQueueEntryDueAtNextAttemptWithLeaseReleased(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var accepted = await store.CreatePayloadAsync(NewPayload(org, source, null), default);
        await Sql.ScalarAsync<int>(database, "UPDATE webhook_queue SET lease_owner = 'w1', status = 'processing' WHERE payload_id = @Id", new { Id = accepted.PayloadId });
        var next = clock.GetUtcNow().UtcDateTime.AddMinutes(2);

        Assert.True(await store.MarkOutcomeAsync(database, accepted.PayloadId, PayloadStatus.Retrying, "HTTP 503", next));

        var read = await store.GetPayloadAsync(org, accepted.PayloadId, default);
        Assert.Equal(PayloadStatus.Retrying, read!.Status);
        Assert.Equal("HTTP 503", read.LastError);
        Assert.Equal(next, read.NextAttemptAt);
        Assert.Null(read.CompletedAt);
        Assert.False(read.Processed);
        Assert.Equal(PayloadStatus.Retrying, await Sql.ScalarAsync<string>(database, "SELECT status FROM webhook_queue WHERE payload_id = @Id", new { Id = accepted.PayloadId }));
        Assert.Null(await Sql.ScalarAsync<string>(database, "SELECT lease_owner FROM webhook_queue WHERE payload_id = @Id", new { Id = accepted.PayloadId }));
        Assert.Equal(1, await Sql.CountAsync(
            database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id AND next_attempt_at = @Next", new { Id = accepted.PayloadId, Next = next }));
    }

    /// <summary>A payload sent back with SALE_BUSY is made due at once when its sale's turn is released; no other payload moves.</summary>
    [Theory, BothDatabases]
    public async Task MakeRetryDueAsync_MovesOnlyRetryingPayloadsDueLater(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var later = clock.GetUtcNow().UtcDateTime.AddSeconds(2);
        var retrying = await store.CreatePayloadAsync(NewPayload(org, source, null), default);
        Assert.True(await store.MarkOutcomeAsync(database, retrying.PayloadId, PayloadStatus.Retrying, "SALE_BUSY", later));
        var queued = await store.CreatePayloadAsync(NewPayload(org, source, null), default);
        await Sql.ScalarAsync<int>(database, "UPDATE webhook_queue SET next_attempt_at = @Later WHERE payload_id = @Id", new { Id = queued.PayloadId, Later = later });

        Assert.Equal(1, await store.MakeRetryDueAsync([retrying.PayloadId, queued.PayloadId], default));

        var now = clock.GetUtcNow().UtcDateTime;
        Assert.Equal(now, (await store.GetPayloadAsync(org, retrying.PayloadId, default))!.NextAttemptAt);
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id AND status = 'retrying' AND next_attempt_at = @Now",
            new { Id = retrying.PayloadId, Now = now }));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id AND next_attempt_at = @Later",
            new { Id = queued.PayloadId, Later = later }));
        Assert.Equal(0, await store.MakeRetryDueAsync([retrying.PayloadId], default));
    }

    [Theory, BothDatabases]
    public async Task MarkOutcomeAsync_Dead_CompletesAndRemovesQueueEntry_WaitingConnectionRestoresIt(DatabaseKind kind)
    {
        var (database, store, clock, org, source) = await ArrangeAsync(kind);
        var accepted = await store.CreatePayloadAsync(NewPayload(org, source, null), default);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await store.MarkOutcomeAsync(database, accepted.PayloadId, PayloadStatus.Dead, "gave up", DateTime.UtcNow));
        var dead = await store.GetPayloadAsync(org, accepted.PayloadId, default);
        Assert.Equal(PayloadStatus.Dead, dead!.Status);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, dead.CompletedAt);
        Assert.Null(dead.NextAttemptAt);
        Assert.Equal(0, await QueueCountAsync(database, accepted.PayloadId));

        Assert.True(await store.MarkOutcomeAsync(database, accepted.PayloadId, PayloadStatus.WaitingConnection, null, null));
        Assert.Equal(1, await QueueCountAsync(database, accepted.PayloadId));
        Assert.Null((await store.GetPayloadAsync(org, accepted.PayloadId, default))!.CompletedAt);
    }

    [Theory, BothDatabases]
    public async Task MarkOutcomeAsync_SucceededOrUnknownStatus_Throws(DatabaseKind kind)
    {
        var (database, store, _, org, source) = await ArrangeAsync(kind);
        var accepted = await store.CreatePayloadAsync(NewPayload(org, source, null), default);

        await Assert.ThrowsAsync<ArgumentException>(() => store.MarkOutcomeAsync(database, accepted.PayloadId, PayloadStatus.Succeeded, null, null));
        await Assert.ThrowsAsync<ArgumentException>(() => store.MarkOutcomeAsync(database, accepted.PayloadId, "done", null, null));
        Assert.False(await store.MarkOutcomeAsync(database, Guid.NewGuid().ToString(), PayloadStatus.Failed, null, null));
    }

    [Theory, BothDatabases]
    public async Task CreatePayloadAsync_DifferentMonths_LandInTheirMonthlyPartitionsAndAreReadable(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        var thisMonth = Clocks.InMonth(0, 3);
        var nextMonth = Clocks.InMonth(1, 20);

        var early = await new WebhookStore(database, thisMonth).CreatePayloadAsync(NewPayload(org, source, "m0"), default);
        var late = await new WebhookStore(database, nextMonth).CreatePayloadAsync(NewPayload(org, source, "m1"), default);

        var store = new WebhookStore(database, TimeProvider.System);
        Assert.Equal(thisMonth.GetUtcNow().UtcDateTime, (await store.GetPayloadAsync(org, early.PayloadId, default))!.ReceivedAt);
        Assert.Equal(nextMonth.GetUtcNow().UtcDateTime, (await store.GetPayloadAsync(org, late.PayloadId, default))!.ReceivedAt);
        if (kind == DatabaseKind.MySql)
        {
            foreach (var (accepted, clock) in new[] { (early, thisMonth), (late, nextMonth) })
            {
                var partition = await Partitions.ExpectedForAsync(database, "webhook_payloads", accepted.ReceivedAt);
                Assert.Equal("p" + clock.GetUtcNow().ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture), partition);
                Assert.Equal(1, await Partitions.CountInAsync(database, "webhook_payloads", partition, "payload_id", accepted.PayloadId));
            }
        }
    }

    [Theory, BothDatabases]
    public async Task PartitionMaintenance_PastPayloadRetention_RemovesExpiredPayloadsAndEventKeysOnly(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var database = fresh.Database;
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        var old = await new WebhookStore(database, Clocks.InMonth(0, 1)).CreatePayloadAsync(NewPayload(org, source, "old"), default);
        var recent = await new WebhookStore(database, Clocks.InMonth(2, 10)).CreatePayloadAsync(NewPayload(org, source, "recent"), default);

        await Partitions.Maintenance(database, Clocks.InMonth(3, 1), new() { PayloadDays = 40 }).RunAsync();

        var store = new WebhookStore(database, TimeProvider.System);
        Assert.Null(await store.GetPayloadAsync(org, old.PayloadId, default));
        Assert.NotNull(await store.GetPayloadAsync(org, recent.PayloadId, default));
        Assert.Equal(0, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_event_keys WHERE event_key = 'old'"));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_event_keys WHERE event_key = 'recent'"));
    }

    private static NewPayload NewPayload(string org, string source, string? eventKey) =>
        new() { OrganizationId = org, SourceId = source, EventKey = eventKey, RawPayload = RawPayload };

    private static Task<long> QueueCountAsync(Database database, string payloadId) =>
        Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id", new { Id = payloadId });

    private async Task<(Database Database, WebhookStore Store, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock, string Org, string Source)> ArrangeAsync(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        return (database, new WebhookStore(database, clock), clock, org, source);
    }
}
