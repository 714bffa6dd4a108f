using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using MySqlConnector;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// The connection the MySQL ingest writer keeps between groups: the same one while groups follow closely, a new one
/// after it waited past the idle limit or failed, and on MySQL commands that give up after the connection timeout.
/// </summary>
public sealed class KeptConnectionTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(5);

    [Theory, BothDatabases]
    public async Task TakenAgainWithinTheIdleLimit_IsTheSameConnection_AfterItANewOne(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        await using var kept = new KeptConnection((await databases.GetAsync(kind)).Database, clock, IdleLimit);

        var (first, firstReused) = await kept.TakeAsync(CancellationToken.None);
        kept.Release();
        clock.Advance(IdleLimit);
        var (second, secondReused) = await kept.TakeAsync(CancellationToken.None);
        kept.Release();
        clock.Advance(IdleLimit + TimeSpan.FromMilliseconds(1));
        var (third, thirdReused) = await kept.TakeAsync(CancellationToken.None);

        Assert.False(firstReused);
        Assert.Same(first, second);
        Assert.True(secondReused);
        Assert.NotSame(second, third);
        Assert.False(thirdReused);
        Assert.Equal(System.Data.ConnectionState.Closed, second.State);
        Assert.Equal(1, await third.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Theory, BothDatabases]
    public async Task Dropped_TheNextTakeOpensANewConnection(DatabaseKind kind)
    {
        await using var kept = new KeptConnection((await databases.GetAsync(kind)).Database, TestClock.Create(), IdleLimit);

        var (first, _) = await kept.TakeAsync(CancellationToken.None);
        await kept.DropAsync();
        var (second, reused) = await kept.TakeAsync(CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.False(reused);
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
    }

    [Fact]
    public async Task OnMySql_ItsCommandsGiveUpAfterTheConnectionTimeout_OtherConnectionsKeepTheDefault()
    {
        var url = (await databases.GetAsync(DatabaseKind.MySql)).Url;
        var database = new Database(DatabaseUrl.Parse(url + "?ConnectionTimeout=1"));
        await using var kept = new KeptConnection(database, TestClock.Create(), IdleLimit);
        var (connection, _) = await kept.TakeAsync(CancellationToken.None);

        var timedOut = await Assert.ThrowsAsync<MySqlException>(() => connection.ExecuteScalarAsync<int>("SELECT SLEEP(5)"));

        Assert.Equal(MySqlErrorCode.CommandTimeoutExpired, timedOut.ErrorCode);
        Assert.True(DatabaseUnavailable.TimedOut(timedOut));
        Assert.True(DatabaseUnavailable.Matches(timedOut));
        // Only the kept connection fails fast: other work keeps the driver's default.
        await using var other = await database.OpenAsync();
        await using var command = other.CreateCommand();
        Assert.Equal(30, command.CommandTimeout);
    }
}
