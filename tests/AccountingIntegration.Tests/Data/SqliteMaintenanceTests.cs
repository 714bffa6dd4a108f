using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingIntegration.Tests.Data;

/// <summary>SQLite only: MariaDB keeps its own statistics and has no write-ahead log file to empty.</summary>
public sealed class SqliteMaintenanceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task RunOnce_AfterWrites_TruncatesTheWalAndLeavesStatisticsForThePayloadTables()
    {
        var database = (await databases.GetAsync(DatabaseKind.Sqlite)).Database;
        var wal = new SqliteConnectionStringBuilder(database.Url.ConnectionString).DataSource + "-wal";
        for (var i = 0; i < 20; i++)
        {
            await TestData.OrganizationAsync(database);
        }

        var before = new FileInfo(wal).Length;
        var worker = new SqliteMaintenanceWorker(database, new SqliteMaintenance(database), TestClock.Create(), NullLogger<SqliteMaintenanceWorker>.Instance);

        await worker.RunOnceAsync(default);

        Assert.True(before > 0, "the writes went to the WAL");
        Assert.Equal(0, new FileInfo(wal).Length);
        await using var connection = await database.OpenAsync();
        var analyzed = (await connection.QueryAsync<string>("SELECT DISTINCT tbl FROM sqlite_stat1")).ToList();
        Assert.Contains("organizations", analyzed);
    }
}
