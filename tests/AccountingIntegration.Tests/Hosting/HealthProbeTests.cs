using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// The orchestrator's probes: <c>/health/live</c> answers while the process runs, <c>/health/ready</c> only while
/// the database answers, has every migration and no due payload waits past QUEUE_STALL_SECONDS.
/// </summary>
public sealed class HealthProbeTests
{
    [Theory, BothDatabases]
    public async Task Probes_HealthyService_Answer200NamingEachCheck(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrate: false);
        await using var service = await TestService.StartAsync(database);

        var (liveStatus, live, liveResponse) = await GetAsync(service, "/health/live");
        var (readyStatus, ready, readyResponse) = await GetAsync(service, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        Assert.Equal(["process"], CheckNames(live));
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["database", "migrations", "queue"], CheckNames(ready));
        Assert.All(CheckNames(ready), name => Assert.Equal("healthy", Check(ready, name).GetProperty("status").GetString()));
        // Exactly the documented members, nothing more.
        Assert.Equal(["checks", "status"], ready.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["durationMs", "reason", "status"], Check(ready, "database").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var response in new[] { liveResponse, readyResponse })
        {
            Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
            Assert.True(response.Headers.CacheControl?.NoStore);
        }

        // In the API document like the other health routes, with no credential.
        var paths = JsonDocument.Parse(await service.Client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var (path, operationId) in new[] { ("/health/live", "GetHealthLive"), ("/health/ready", "GetHealthReady") })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.Equal(0, operation.GetProperty("security").GetArrayLength());
        }
    }

    [Theory, BothDatabases]
    public async Task Ready_DatabaseUnreachable_Answers503NamingTheDatabase_LiveStays200(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        // MariaDB is reached through a relay the test can close; SQLite loses its folder, as a lost disk would.
        await using var relay = kind == DatabaseKind.MySql ? RelayTo(database) : null;
        var settings = new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" };
        if (relay is not null)
        {
            settings["DATABASE_URL"] = relay.Rewrite(database.Url);
        }

        await using var service = await TestService.StartAsync(database, settings);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/ready")).Status);

        var folder = kind == DatabaseKind.Sqlite ? Path.GetDirectoryName(database.Url["sqlite://".Length..])! : null;
        TakeAway(relay, folder);
        try
        {
            var (status, ready, response) = await GetAsync(service, "/health/ready");
            var text = ready.GetRawText();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unhealthy", ready.GetProperty("status").GetString());
            Assert.Equal("unhealthy", Check(ready, "database").GetProperty("status").GetString());
            Assert.StartsWith("the database could not be reached", Check(ready, "database").GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
            // One line, no driver message: neither the credentials nor the file's place.
            Assert.DoesNotContain("ai_test", text, StringComparison.Ordinal);
            Assert.DoesNotContain(folder ?? "/tmp/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/live")).Status);
        }
        finally
        {
            Restore(folder);
        }
    }

    [Fact]
    public async Task Ready_MariaDbStopsAnswering_Answers503WithinTheTimeout_LiveStays200()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var relay = RelayTo(database);
        await using var service = await TestService.StartAsync(database, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = relay.Rewrite(database.Url),
            ["HEALTH_CHECK_TIMEOUT_SECONDS"] = "1",
            ["WORKER_CONCURRENCY"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/ready")).Status);

        relay.Freeze();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var (status, ready, _) = await GetAsync(service, "/health/ready");
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("the database did not answer within 1 s", Check(ready, "database").GetProperty("reason").GetString());
            // Well under the driver's 5 s connection time-out: the probe's own bound answered.
            Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4.5));
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/live")).Status);
        }
        finally
        {
            // Frozen connections would hold the host's shutdown; closed ones fail at once.
            relay.Close();
        }
    }

    [Theory, BothDatabases]
    public async Task Ready_MigrationRolledBack_Answers503NamingThePendingMigration_LiveStays200(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var service = await TestService.StartAsync(database, new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/ready")).Status);
        var latest = DatabaseMigrator.KnownVersions[^1];
        var earlier = DatabaseMigrator.KnownVersions[^2];

        await ExecuteAsync(database, "DELETE FROM VersionInfo WHERE Version = @Version", new { Version = latest });
        var (status, ready, _) = await GetAsync(service, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Check(ready, "migrations").GetProperty("status").GetString());
        Assert.Equal($"1 pending migration(s): {latest}; run `migrate`", Check(ready, "migrations").GetProperty("reason").GetString());
        Assert.Equal("healthy", Check(ready, "database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/live")).Status);

        // A gap below the highest version is pending too, not hidden by it.
        await ExecuteAsync(database, "INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES (@Version, @Now, 'restored')",
            new { Version = latest, Now = DateTime.UtcNow });
        await ExecuteAsync(database, "DELETE FROM VersionInfo WHERE Version = @Version", new { Version = earlier });
        var (gapStatus, gap, _) = await GetAsync(service, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, gapStatus);
        Assert.Equal($"1 pending migration(s): {earlier}; run `migrate`", Check(gap, "migrations").GetProperty("reason").GetString());
    }

    [Theory, BothDatabases]
    public async Task Ready_DuePayloadUnclaimedPastThreshold_Answers503NamingTheQueue_LiveStays200(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = TestClock.Create();
        await using var service = await TestService.StartAsync(database,
            new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0", ["QUEUE_STALL_SECONDS"] = "600", ["DRIFT_SWEEP_MINUTES"] = "0" },
            s => s.AddSingleton<TimeProvider>(clock));
        var start = clock.GetUtcNow().UtcDateTime;
        await EnqueueAsync(database, "queued", start, leaseUntil: null);
        // Neither counts yet: one waits for a QBO connection (not due work), one is leased by a live worker for 2 h.
        await EnqueueAsync(database, "waiting_connection", start.AddDays(-1), leaseUntil: null);
        var leased = await EnqueueAsync(database, "processing", start.AddMinutes(-1), leaseUntil: start.AddHours(2));

        clock.Advance(TimeSpan.FromSeconds(600));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/ready")).Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        var (status, ready, _) = await GetAsync(service, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Check(ready, "queue").GetProperty("status").GetString());
        Assert.Equal("a due payload has waited 601 s unclaimed (QUEUE_STALL_SECONDS=600)", Check(ready, "queue").GetProperty("reason").GetString());
        Assert.Equal("healthy", Check(ready, "database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/live")).Status);

        // Once the waiting payload is taken, only the leased one is left: ready until its lease has been over for the threshold.
        await ExecuteAsync(database, "DELETE FROM webhook_queue WHERE status = 'queued'");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/ready")).Status);
        clock.Advance(start.AddHours(2).AddSeconds(600) - clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service, "/health/ready")).Status);
        clock.Advance(TimeSpan.FromSeconds(2));
        var (expiredStatus, expired, _) = await GetAsync(service, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, expiredStatus);
        Assert.Equal("a due payload has waited 602 s unclaimed (QUEUE_STALL_SECONDS=600)", Check(expired, "queue").GetProperty("reason").GetString());
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @Id", new { Id = leased }));
    }

    private static TcpRelay RelayTo(TestDatabase database)
    {
        var uri = new Uri(database.Url);
        return TcpRelay.To(uri.Host, uri.Port);
    }

    private static void TakeAway(TcpRelay? relay, string? folder)
    {
        relay?.Close();
        if (folder is not null)
        {
            // The folder becomes a plain file: every new connection fails to open, whoever runs the tests.
            Directory.Move(folder, folder + ".away");
            File.WriteAllText(folder, "not a folder");
            SqliteConnection.ClearAllPools();
        }
    }

    private static void Restore(string? folder)
    {
        if (folder is not null)
        {
            File.Delete(folder);
            Directory.Move(folder + ".away", folder);
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<string> EnqueueAsync(TestDatabase database, string status, DateTime nextAttemptAt, DateTime? leaseUntil)
    {
        var id = Guid.NewGuid().ToString();
        await ExecuteAsync(database, """
            INSERT INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until)
            VALUES (@Id, @At, @Organization, @Status, 0, @At, @Owner, @LeaseUntil)
            """,
            new { Id = id, At = nextAttemptAt, Organization = Guid.NewGuid().ToString(), Status = status, Owner = leaseUntil is null ? null : "worker-1", LeaseUntil = leaseUntil });
        return id;
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql, object? parameters = null)
    {
        await using var connection = await database.Database.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(TestService service, string path)
    {
        var response = await service.Client.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    private static string[] CheckNames(JsonElement report) =>
        report.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static JsonElement Check(JsonElement report, string name) => report.GetProperty("checks").GetProperty(name);
}
