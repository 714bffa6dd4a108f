using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Data.Sqlite;

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
}
