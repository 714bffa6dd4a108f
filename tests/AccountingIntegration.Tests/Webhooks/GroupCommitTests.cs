using System.Net;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Batching;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The ingest group commit: many requests' payloads, queue entries and usage rows in one transaction, each request
/// answered only from the commit that holds its rows, and a failed group losing nothing it answered for.
/// </summary>
public sealed class GroupCommitTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string WebhookTemplate = "/api/v1/webhook/{slug}";

    // On SQLite a writer keeps its own connection open: each test's is closed at its end.
    private readonly List<PayloadWriter> _writers = [];

    // The test's own meter, so that what a test reads was recorded by its own writer.
    private readonly ServiceProvider _metricServices = new ServiceCollection().AddServiceMetrics().BuildServiceProvider();

    private ServiceMetrics Metrics => _metricServices.GetRequiredService<ServiceMetrics>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var writer in _writers)
        {
            await writer.DisposeAsync();
        }

        await _metricServices.DisposeAsync();
    }

    [Theory, BothDatabases]
    public async Task Group_StoresEveryPayloadQueueEntryAndUsageRowInOneCommit_RepeatedKeyIsADuplicate(DatabaseKind kind)
    {
        var (database, writer, org, source) = await ArrangeAsync(kind);
        var batch = new[]
        {
            Pending(org, source, "evt-a"), Pending(org, source, "evt-b"), Pending(org, source, "evt-a"), Pending(org, source, null),
        };

        await writer.WriteBatchAsync(batch);

        var results = await Task.WhenAll(batch.Select(p => p.Result.Task));
        Assert.Equal([false, false, true, false], results.Select(r => r.Duplicate));
        Assert.Equal(results[0].PayloadId, results[2].PayloadId);
        Assert.Equal(3, results.Select(r => r.PayloadId).Distinct().Count());
        Assert.Equal(3, await CountAsync(database, "webhook_payloads", org));
        Assert.Equal(3, await CountAsync(database, "webhook_queue", org));
        Assert.Equal(2, await CountAsync(database, "webhook_event_keys", org));
        // Every request has its usage row, the duplicate's too: it was a request like any other.
        Assert.Equal(4, await CountAsync(database, "api_usage_logs", org));
        Assert.Equal(4, await Sql.CountAsync(database,
            "SELECT COUNT(*) FROM api_usage_logs WHERE organization_id = @Org AND endpoint = @Endpoint AND status_code = 202", new { Org = org, Endpoint = WebhookTemplate }));
    }

    [Theory, BothDatabases]
    public async Task Group_KeyAlreadyClaimed_AnswersThePayloadsCurrentStatus(DatabaseKind kind)
    {
        var (database, writer, org, source) = await ArrangeAsync(kind);
        var first = Pending(org, source, "evt-known");
        await writer.WriteBatchAsync([first]);
        var owner = await first.Result.Task;
        await Sql.ScalarAsync<int>(database, "UPDATE webhook_payloads SET status = 'succeeded' WHERE payload_id = @Id", new { Id = owner.PayloadId });

        var again = Pending(org, source, "evt-known");
        await writer.WriteBatchAsync([again, Pending(org, source, "evt-new")]);

        var repeat = await again.Result.Task;
        Assert.True(repeat.Duplicate);
        Assert.Equal(owner.PayloadId, repeat.PayloadId);
        Assert.Equal(PayloadStatus.Succeeded, repeat.Status);
    }

    /// <summary>
    /// On MySQL the group's rows are bound to positional <c>?</c> placeholders: a body full of question marks, parameter-like
    /// names, quotes and backslashes must still land byte-exact, each row in its own place.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Group_BodiesThatLookLikePlaceholders_AreStoredByteExact(DatabaseKind kind)
    {
        var (database, writer, org, source) = await ArrangeAsync(kind);
        string[] bodies =
        [
            """{"q":"? ?? @s0r0_1 @p0 :name","sql":"'); DROP TABLE webhook_payloads; --"}""",
            """{"path":"C:\\tmp\\?x","quote":"\"?\"","unicode":"€ ✓ ?"}""",
            """{"empty":""}""",
        ];
        var batch = bodies.Select((body, i) => Pending(org, source, i == 1 ? null : $"evt-q{i}", body)).ToArray();

        await writer.WriteBatchAsync(batch);

        for (var i = 0; i < bodies.Length; i++)
        {
            var accepted = await batch[i].Result.Task;
            var stored = await Sql.ScalarAsync<string>(database, "SELECT raw_payload FROM webhook_payloads WHERE payload_id = @Id", new { Id = accepted.PayloadId });
            Assert.Equal(bodies[i], stored);
        }
    }

    [Theory, BothDatabases]
    public async Task Group_OneBadItem_FailsAlone_ItsNeighboursAreStored_EachCommitIsMeasured(DatabaseKind kind)
    {
        var (database, writer, org, source) = await ArrangeAsync(kind);
        // The store refuses a key longer than event_key holds: the group's transaction rolls back whole.
        var bad = Pending(org, source, new string('k', WebhookStore.MaxEventKeyLength + 1));
        var batch = new[] { Pending(org, source, "evt-1"), bad, Pending(org, source, "evt-2") };
        using var commits = new MetricCollector<long>(Metrics.Meter, "ai.ingest.commit.payloads");

        await writer.WriteBatchAsync(batch);

        await Assert.ThrowsAsync<ArgumentException>(() => bad.Result.Task);
        var stored = await Task.WhenAll(batch[0].Result.Task, batch[2].Result.Task);
        Assert.All(stored, r => Assert.False(r.Duplicate));
        Assert.Equal(2, await CountAsync(database, "webhook_payloads", org));
        Assert.Equal(2, await CountAsync(database, "webhook_queue", org));
        Assert.Equal(2, await CountAsync(database, "api_usage_logs", org));
        // The group's failed transaction, then one per item: what an operator sees of a group that fell apart.
        Assert.Equal([(3, "failed"), (1, "committed"), (1, "failed"), (1, "committed")],
            commits.GetMeasurementSnapshot().Select(m => ((int)m.Value, (string)m.Tags["outcome"]!)));
    }

    [Theory, BothDatabases]
    public async Task Group_CommitFails_EveryRequestGetsTheErrorAndNothingIsStored(DatabaseKind kind)
    {
        var (database, writer, org, source) = await ArrangeAsync(kind);
        var batch = new[] { Pending(org, source, "evt-x"), Pending(org, source, null), Pending(org, source, "evt-y") };

        // The usage table is gone, so the group fails after its payload rows were written, and so does each retry alone.
        await Sql.ScalarAsync<int>(database, "ALTER TABLE api_usage_logs RENAME TO api_usage_logs_away");
        try
        {
            await writer.WriteBatchAsync(batch);
        }
        finally
        {
            await Sql.ScalarAsync<int>(database, "ALTER TABLE api_usage_logs_away RENAME TO api_usage_logs");
        }

        foreach (var item in batch)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => item.Result.Task);
        }

        Assert.Equal(0, await CountAsync(database, "webhook_payloads", org));
        Assert.Equal(0, await CountAsync(database, "webhook_queue", org));
        // The keys were not claimed either, so the sender's retry is stored as new.
        Assert.Equal(0, await CountAsync(database, "webhook_event_keys", org));
        await writer.WriteBatchAsync([Pending(org, source, "evt-x")]);
        Assert.Equal(1, await CountAsync(database, "webhook_payloads", org));
    }

    /// <summary>
    /// On MySQL the connection breaks just after the server committed a group, so the writer never hears the answer. The
    /// group is stored, and its payloads have no event key to tell a second copy by: the writer must find the group
    /// stored and answer with the stored ids, not write it again (nor each payload alone) under new ones.
    /// </summary>
    [Fact]
    public async Task Group_CommittedButItsAnswerLost_OnMySql_IsAcceptedAsStored_NotWrittenAgain()
    {
        var (database, _, org, source) = await ArrangeAsync(DatabaseKind.MySql);
        var url = (await databases.GetAsync(DatabaseKind.MySql)).Url;
        await using var relay = TcpRelay.To(new Uri(url).Host, new Uri(url).Port);
        var relayed = new Database(DatabaseUrl.Parse(relay.Rewrite(url)));
        var clock = TestClock.Create();
        var writer = new PayloadWriter(new WebhookStore(relayed, clock), new ApiUsageStore(relayed, clock), relayed, Metrics, clock,
            NullLogger<PayloadWriter>.Instance);
        _writers.Add(writer);
        var first = Pending(org, source, eventKey: null, """{"order":"first"}""");
        await writer.WriteBatchAsync([first]);
        await first.Result.Task;

        relay.CutNextReply();
        var group = new[] { Pending(org, source, eventKey: null, """{"order":"answer lost"}"""), Pending(org, source, eventKey: null, """{"order":"beside it"}""") };
        await writer.WriteBatchAsync(group);

        var answered = new List<string> { (await first.Result.Task).PayloadId };
        foreach (var item in group)
        {
            var accepted = await item.Result.Task;
            Assert.False(accepted.Duplicate);
            answered.Add(accepted.PayloadId);
        }

        await using var connection = await database.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT payload_id FROM webhook_payloads WHERE organization_id = @Org", new { Org = org })).ToList();
        Assert.Equal(answered.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.Equal(3, await CountAsync(database, "webhook_queue", org));
    }

    /// <summary>
    /// On MySQL the group's transaction runs in SQL text, so the driver does not roll it back: a failed group must, before
    /// its connection waits in the pool, or its key claims stay locked and the sender's retry blocks on them. The pool's
    /// reset would also end it, but an operator may turn that off (<c>?ConnectionReset=false</c> in DATABASE_URL), as here.
    /// </summary>
    [Fact]
    public async Task Group_FailsOnMySql_ItsKeyClaimsAreReleased_SoAnotherConnectionClaimsTheKeyAtOnce()
    {
        var (database, _, org, source) = await ArrangeAsync(DatabaseKind.MySql);
        var unreset = new Database(DatabaseUrl.Parse((await databases.GetAsync(DatabaseKind.MySql)).Url + "?ConnectionReset=false"));
        var writer = new PayloadWriter(new WebhookStore(unreset, TestClock.Create()), new ApiUsageStore(unreset, TestClock.Create()), unreset, Metrics,
            TestClock.Create(), NullLogger<PayloadWriter>.Instance);
        _writers.Add(writer);
        var failing = Pending(org, source, "evt-held");

        await Sql.ScalarAsync<int>(database, "ALTER TABLE api_usage_logs RENAME TO api_usage_logs_away");
        try
        {
            await writer.WriteBatchAsync([failing]);
        }
        finally
        {
            await Sql.ScalarAsync<int>(database, "ALTER TABLE api_usage_logs_away RENAME TO api_usage_logs");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => failing.Result.Task);
        await using var other = await OpenUnpooledAsync(database);
        await other.ExecuteAsync("SET SESSION innodb_lock_wait_timeout = 1");
        var claimed = await other.ExecuteAsync("""
            INSERT INTO webhook_event_keys (organization_id, source_id, event_key, payload_id, received_at)
            VALUES (@Org, @Source, 'evt-held', 'probe', UTC_TIMESTAMP(6))
            """, new { Org = org, Source = source });
        Assert.Equal(1, claimed);
    }

    /// <summary>
    /// Two instances on one MariaDB: another's transaction holds a key this group claims. The group waits for it; when it
    /// commits, the group's payload is a duplicate of the other's, and the group's other payload is stored all the same.
    /// </summary>
    [Fact]
    public async Task Group_OnMySql_KeyHeldByAnotherInstance_WhoCommits_IsItsDuplicate()
    {
        var (database, writer, org, source) = await ArrangeAsync(DatabaseKind.MySql);
        await using var other = await HoldKeyAsync(database, org, source, "evt-race", "other-payload");

        var raced = Pending(org, source, "evt-race");
        var fresh = Pending(org, source, "evt-fresh");
        var writing = writer.WriteBatchAsync([raced, fresh]);
        await WaitForLockWaitAsync(database, writing);
        await other.ExecuteAsync("COMMIT");
        await writing;

        var repeat = await raced.Result.Task;
        Assert.True(repeat.Duplicate);
        Assert.Equal("other-payload", repeat.PayloadId);
        Assert.False((await fresh.Result.Task).Duplicate);
        Assert.Equal(1, await CountAsync(database, "webhook_payloads", org));
        Assert.Equal(2, await CountAsync(database, "webhook_event_keys", org));
    }

    /// <summary>As above, but the other instance's transaction rolls back: the key is free, and the group owns it.</summary>
    [Fact]
    public async Task Group_OnMySql_KeyHeldByAnotherInstance_WhoRollsBack_IsClaimedByTheGroup()
    {
        var (database, writer, org, source) = await ArrangeAsync(DatabaseKind.MySql);
        await using var other = await HoldKeyAsync(database, org, source, "evt-race", "other-payload");

        var raced = Pending(org, source, "evt-race");
        var writing = writer.WriteBatchAsync([raced]);
        await WaitForLockWaitAsync(database, writing);
        await other.ExecuteAsync("ROLLBACK");
        await writing;

        var owner = await raced.Result.Task;
        Assert.False(owner.Duplicate);
        Assert.Equal(owner.PayloadId, await Sql.ScalarAsync<string>(database,
            "SELECT payload_id FROM webhook_event_keys WHERE organization_id = @Org AND event_key = 'evt-race'", new { Org = org }));
        Assert.Equal(1, await CountAsync(database, "webhook_payloads", org));
    }

    [Theory, BothDatabases]
    public async Task Webhook_UsageRowIsCommittedWithThePayload_AndRecordedOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false,
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        var database = world.Services.GetRequiredService<Database>();
        var org = world.Organization.OrganizationId;

        using var accepted = await world.SendAsync("""{"id":1}""", idempotencyKey: "usage-1");
        using var repeated = await world.SendAsync("""{"id":1}""", idempotencyKey: "usage-1");

        // Already stored when the 202 arrives: no flush of the usage writer was needed.
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeated.StatusCode);
        Assert.Equal(2, await WebhookUsageRowsAsync(database, org, 202));

        using var refused = await world.SendAsync("not json", idempotencyKey: "usage-2");
        await world.Services.GetRequiredService<BatchWriter<ApiUsageEntry>>().FlushAsync();

        // The middleware queued no second row for the accepted ones, and still records a refusal.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(2, await WebhookUsageRowsAsync(database, org, 202));
        Assert.Equal(1, await WebhookUsageRowsAsync(database, org, 400));
        var keyIds = await Sql.CountAsync(database,
            "SELECT COUNT(DISTINCT api_key_id) FROM api_usage_logs WHERE organization_id = @Org AND endpoint = @Endpoint AND api_key_id IS NOT NULL",
            new { Org = org, Endpoint = WebhookTemplate });
        Assert.Equal(1, keyIds);
    }

    private static Task<long> WebhookUsageRowsAsync(Database database, string org, int status) =>
        Sql.CountAsync(database, "SELECT COUNT(*) FROM api_usage_logs WHERE organization_id = @Org AND endpoint = @Endpoint AND status_code = @Status",
            new { Org = org, Endpoint = WebhookTemplate, Status = status });

    /// <summary>A connection of "another instance" in an open transaction that has claimed <paramref name="key"/>.</summary>
    private static async Task<MySqlConnection> HoldKeyAsync(Database database, string org, string source, string key, string payloadId)
    {
        var other = await OpenUnpooledAsync(database);
        await other.ExecuteAsync("START TRANSACTION");
        await other.ExecuteAsync("""
            INSERT INTO webhook_event_keys (organization_id, source_id, event_key, payload_id, received_at)
            VALUES (@Org, @Source, @Key, @PayloadId, UTC_TIMESTAMP(6))
            """, new { Org = org, Source = source, Key = key, PayloadId = payloadId });
        return other;
    }

    /// <summary>A connection of its own, outside the pools the writer uses, as another instance would have.</summary>
    private static async Task<MySqlConnection> OpenUnpooledAsync(Database database)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(database.Url.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Until the group's claims run on the server (they then wait for the other instance's row lock), or the group ended
    /// without waiting. The test user sees its own sessions in the process list without the PROCESS privilege.
    /// </summary>
    private static async Task WaitForLockWaitAsync(Database database, Task writing)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!writing.IsCompleted && DateTime.UtcNow < deadline && await Sql.CountAsync(database, """
            SELECT COUNT(*) FROM information_schema.PROCESSLIST
            WHERE ID <> CONNECTION_ID() AND DB = DATABASE() AND COMMAND = 'Query' AND INFO LIKE '%INTO webhook_event_keys%'
            """) == 0)
        {
            await Task.Delay(20);
        }

        Assert.False(writing.IsCompleted, "the group should wait for the other instance's claim");
    }

    private static Task<long> CountAsync(Database database, string table, string org) =>
        Sql.CountAsync(database, $"SELECT COUNT(*) FROM {table} WHERE organization_id = @Org", new { Org = org });

    private static PayloadWriter.Pending Pending(string org, string source, string? eventKey, string body = """{"order":1}""") =>
        new(new IngestItem(
                new NewPayload { OrganizationId = org, SourceId = source, EventKey = eventKey, RawPayload = body },
                new ApiUsageEntry { OrganizationId = org, Endpoint = WebhookTemplate, Method = "POST", StatusCode = 202 }),
            new TaskCompletionSource<PayloadAccepted>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task<(Database Database, PayloadWriter Writer, string Org, string Source)> ArrangeAsync(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        var writer = new PayloadWriter(
            new WebhookStore(database, clock), new ApiUsageStore(database, clock), database, Metrics, clock, NullLogger<PayloadWriter>.Instance);
        _writers.Add(writer);
        return (database, writer, org, source);
    }
}
