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
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var relay = RelayTo(database);
        await using var world = await PipelineWorld.StartAsync(database, settings: Through(relay, database));

        relay.Refuse();
        MySqlConnection.ClearAllPools();
        using (var refused = await world.SendAsync(PipelineWorld.ShopifyOrder(41101)))
        {
            await AssertUnavailableAsync(refused);
        }

        relay.Restore();
        using var accepted = await world.SendAsync(PipelineWorld.ShopifyOrder(41102));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    /// <summary>
    /// The server restarts between two deliveries: the connection the ingest writer kept from the first is dead, and the
    /// second delivery is still accepted (the group is tried again on a new connection), stored once.
    /// </summary>
    [Fact]
    public async Task Ingest_MySqlServerRestartedBetweenDeliveries_TheNextIsAcceptedAndStoredOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var relay = RelayTo(database);
        await using var world = await PipelineWorld.StartAsync(database, settings: Through(relay, database));
        using var client = world.Connect.ClientWithKey(world.ApiKey);
        using (var first = await Send(client, world, 41301))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        relay.Refuse();
        relay.Restore();
        using var second = await Send(client, world, 41302);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(2, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads"));
    }

    /// <summary>
    /// A server that hangs (or a partition) answers nothing at all: pooled connections stall mid-query and new ones
    /// never get the server's greeting. The request must end with 503 well before a client gives up (here 15 s).
    /// </summary>
    [Fact]
    public async Task Ingest_MySqlServerFrozen_Answers503BeforeTheClientGivesUp_ThenRecovers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var relay = RelayTo(database);
        await using var world = await PipelineWorld.StartAsync(database, settings: Through(relay, database));
        using var client = world.Connect.ClientWithKey(world.ApiKey);
        client.Timeout = TimeSpan.FromSeconds(15);
        using (var warm = await Send(client, world, 41201))
        {
            Assert.Equal(HttpStatusCode.Accepted, warm.StatusCode);
        }

        relay.Freeze();
        using (var refused = await Send(client, world, 41202))
        {
            await AssertUnavailableAsync(refused);
        }

        relay.Restore();
        using var accepted = await Send(client, world, 41203);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private static TcpRelay RelayTo(TestDatabase database)
    {
        var url = new Uri(database.Url);
        return TcpRelay.To(url.Host, url.Port);
    }

    private static Dictionary<string, string> Through(TcpRelay relay, TestDatabase database) => new()
    {
        ["WORKER_CONCURRENCY"] = "0",
        ["DATABASE_URL"] = relay.Rewrite(database.Url),
    };

    private static Task<HttpResponseMessage> Send(HttpClient client, PipelineWorld world, long order) =>
        client.PostAsync($"/api/v1/webhook/{world.Slug}", new StringContent(PipelineWorld.ShopifyOrder(order), Encoding.UTF8, "application/json"));

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("DATABASE_UNAVAILABLE", body.GetProperty("code").GetString());
    }
}
