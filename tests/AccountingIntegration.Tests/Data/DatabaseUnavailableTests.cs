using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using MySqlConnector;

namespace AccountingIntegration.Tests.Data;

/// <summary>Which MySQL failures mean "the database cannot be used right now" (503) and which are a bug in a query (500).</summary>
public sealed class DatabaseUnavailableTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ConnectionLostMidCommand_IsAnOutage_NotATimeout()
    {
        var url = new Uri((await databases.GetAsync(DatabaseKind.MySql)).Url);
        await using var relay = TcpRelay.To(url.Host, url.Port);
        await using var connection = await new Database(DatabaseUrl.Parse(relay.Rewrite(url.ToString()) + "?Pooling=false")).OpenAsync();

        relay.Refuse();
        var lost = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteScalarAsync<int>("SELECT 1"));

        Assert.True(DatabaseUnavailable.Matches(lost));
        Assert.False(DatabaseUnavailable.TimedOut(lost));
    }

    [Fact]
    public async Task BrokenQuery_IsNoOutage()
    {
        await using var connection = await (await databases.GetAsync(DatabaseKind.MySql)).Database.OpenAsync();

        var broken = await Assert.ThrowsAsync<MySqlException>(() => connection.ExecuteScalarAsync<int>("SELECT no_such_column FROM webhook_payloads"));

        Assert.False(DatabaseUnavailable.Matches(broken));
        Assert.False(DatabaseUnavailable.TimedOut(broken));
    }
}
