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
        // SQLite deletes the WAL file when the last connection to the database closes (a pool cleared between the writes
        // and the measure made this test fail): one held open keeps the file there to be measured, and truncated.
        await using var holder = await database.OpenAsync();
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

    [Fact]
    public async Task Optimize_ReadsASampleOfAnIndex_NotEveryRow()
    {
        // ANALYZE holds the write lock while it reads; a full read of a large index stalls every webhook behind it.
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, migrate: false);
        await using (var connection = await test.Database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                CREATE TABLE probe (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL);
                CREATE INDEX ix_probe_kind ON probe (kind);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                INSERT INTO probe (kind) SELECT 1 FROM n;
                """);
        }

        await new SqliteMaintenance(test.Database).OptimizeAsync(default);

        await using var reader = await test.Database.OpenAsync();
        var stat = await reader.QuerySingleAsync<string>("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_probe_kind'");
        var rowsPerKind = long.Parse(stat.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(rowsPerKind < 20000, $"a full read would find all 20,000 rows under one kind; the sample saw {stat}");
    }
}
