using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Connections;

/// <summary>
/// Intuit can end an access token before the time it gave (expired or revoked at Intuit): QBO then answers 401. One
/// refresh puts it right; when refreshing cannot, the connection says "reconnect" and payloads wait, saying why,
/// instead of spending their attempts while the status still claims to be connected.
/// </summary>
public sealed class RejectedTokenTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task AccessTokenExpiredAtIntuit_IsRefreshedOnce_AndThePayloadBooks(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        (await world.Control.PostAsJsonAsync("/_sandbox/tokens/expire", new { realmId = world.RealmId })).EnsureSuccessStatusCode();

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var logs = sale.Detail.GetProperty("syncLogs").EnumerateArray().ToList();
        Assert.Equal(["QBO_AUTHENTICATION", null], logs.Select(l => l.GetProperty("errorCode").GetString()));
        Assert.True(await ConnectedAsync(world));
    }

    [Theory, BothDatabases]
    public async Task ConnectionRevokedAtIntuit_MarksItForReconnection_AndThePayloadWaitsSayingWhy(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        (await world.Control.PostAsJsonAsync("/_sandbox/tokens/revoke", new { realmId = world.RealmId })).EnsureSuccessStatusCode();

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.Equal(PayloadStatus.WaitingConnection, sale.Status);
        Assert.Contains("refresh_failed", sale.LastError, StringComparison.Ordinal);
        Assert.Single(sale.Detail.GetProperty("syncLogs").EnumerateArray());
        Assert.False(await ConnectedAsync(world));
    }

    [Theory, BothDatabases]
    public async Task QboRejectingEvenAFreshToken_MarksTheConnection_AndHealthAndStatusAgree(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await world.AddFaultAsync(new { realmId = world.RealmId, faultType = "AuthenticationFailed" });

        var health = await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/health");

        Assert.False(health.GetProperty("data").GetProperty("healthy").GetBoolean());
        Assert.False(await ConnectedAsync(world));
        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        Assert.Equal(PayloadStatus.WaitingConnection, sale.Status);
    }

    private static async Task<bool> ConnectedAsync(PipelineWorld world) =>
        (await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/status")).GetProperty("data").GetProperty("connected").GetBoolean();
}
