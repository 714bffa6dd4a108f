using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>A database that goes away answers ingest with 503 and a retry hint, and ingest recovers when it returns.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Ingest_DatabaseGone_Answers503WithRetryAfter_ThenRecovers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var capture = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(database, settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" },
            overrides: capture.Install);
        var folder = Path.GetDirectoryName(database.Url["sqlite://".Length..])!;
        var away = folder + ".away";

        // The database's folder becomes a plain file: every new connection fails to open, as a lost disk would.
        Directory.Move(folder, away);
        await File.WriteAllTextAsync(folder, "not a folder");
        SqliteConnection.ClearAllPools();
        try
        {
            using var refused = await world.SendAsync(PipelineWorld.ShopifyOrder(41001));
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.False(body.GetProperty("success").GetBoolean());
            Assert.Equal("DATABASE_UNAVAILABLE", body.GetProperty("code").GetString());
            var warning = Assert.Single(capture.Lines, l => l.Contains("Database unavailable for POST", StringComparison.Ordinal));
            Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", warning, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(folder);
            Directory.Move(away, folder);
            SqliteConnection.ClearAllPools();
        }

        using var accepted = await world.SendAsync(PipelineWorld.ShopifyOrder(41002));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task Ingest_MySqlServerGone_Answers503WithRetryAfter_ThenRecovers()
    {
        await using var relayed = await RelayedMySql.StartAsync();

        relayed.Relay.Refuse();
        MySqlConnection.ClearAllPools();
        using (var refused = await relayed.SendAsync(41101))
        {
            await AssertUnavailableAsync(refused);
        }

        relayed.Relay.Restore();
        await relayed.AssertAcceptedAsync(41102);
    }

    /// <summary>
    /// The server restarts between two deliveries: the connection the ingest writer kept from the first is dead, and the
    /// second delivery is still accepted (the group is tried again on a new connection), stored once.
    /// </summary>
    [Fact]
    public async Task Ingest_MySqlServerRestartedBetweenDeliveries_TheNextIsAcceptedAndStoredOnce()
    {
        await using var relayed = await RelayedMySql.StartAsync();
        await relayed.AssertAcceptedAsync(41301);

        relayed.Relay.Refuse();
        relayed.Relay.Restore();
        await relayed.AssertAcceptedAsync(41302);

        Assert.Equal(2, await Sql.CountAsync(relayed.Database.Database, "SELECT COUNT(*) FROM webhook_payloads"));
    }

    /// <summary>
    /// A server that hangs (or a partition) answers nothing at all: pooled connections stall mid-query and new ones
    /// never get the server's greeting. The request must end with 503 well before a client gives up (here 15 s).
    /// </summary>
    [Fact]
    public async Task Ingest_MySqlServerFrozen_Answers503BeforeTheClientGivesUp_ThenRecovers()
    {
        await using var relayed = await RelayedMySql.StartAsync();
        await relayed.AssertAcceptedAsync(41201);

        relayed.Relay.Freeze();
        using (var refused = await relayed.SendAsync(41202))
        {
            await AssertUnavailableAsync(refused);
        }

        relayed.Relay.Restore();
        await relayed.AssertAcceptedAsync(41203);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("DATABASE_UNAVAILABLE", body.GetProperty("code").GetString());
    }

    /// <summary>
    /// A migrated MariaDB database, a relay in front of it (to take the server away), and the service (workers off) reaching
    /// the database through the relay, with a client that gives up after 15 s as a sender would.
    /// </summary>
    private sealed class RelayedMySql : IAsyncDisposable
    {
        private RelayedMySql(TestDatabase database, TcpRelay relay, PipelineWorld world)
        {
            Database = database;
            Relay = relay;
            World = world;
            Client = world.Connect.ClientWithKey(world.ApiKey);
            Client.Timeout = TimeSpan.FromSeconds(15);
        }

        public TestDatabase Database { get; }

        public TcpRelay Relay { get; }

        public PipelineWorld World { get; }

        public HttpClient Client { get; }

        public static async Task<RelayedMySql> StartAsync()
        {
            var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
            var url = new Uri(database.Url);
            var relay = TcpRelay.To(url.Host, url.Port);
            try
            {
                var world = await PipelineWorld.StartAsync(database, settings: new Dictionary<string, string>
                {
                    ["WORKER_CONCURRENCY"] = "0",
                    ["DATABASE_URL"] = relay.Rewrite(database.Url),
                });
                return new RelayedMySql(database, relay, world);
            }
            catch
            {
                await relay.DisposeAsync();
                await database.DisposeAsync();
                throw;
            }
        }

        public Task<HttpResponseMessage> SendAsync(long order) => Client.PostAsync(
            $"/api/v1/webhook/{World.Slug}", new StringContent(PipelineWorld.ShopifyOrder(order), Encoding.UTF8, "application/json"));

        public async Task AssertAcceptedAsync(long order)
        {
            using var response = await SendAsync(order);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await World.DisposeAsync();
            await Relay.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
