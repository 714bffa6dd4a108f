using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A fresh, migrated database of either kind: a SQLite file in a temporary folder, or a new
/// database on the MariaDB server named by TEST_MYSQL_URL. Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultMySqlUrl = "mysql://ai_test:ai_test@127.0.0.1:3306/ai_test";

    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseKind kind, string url, Func<Task> drop)
    {
        Kind = kind;
        Url = url;
        Database = new Database(DatabaseUrl.Parse(url));
        _drop = drop;
    }

    public DatabaseKind Kind { get; }

    /// <summary>The DATABASE_URL of this database, for hosting the service on it.</summary>
    public string Url { get; }

    internal Database Database { get; }

    public static string MySqlServerUrl =>
        Environment.GetEnvironmentVariable("TEST_MYSQL_URL") is { Length: > 0 } url ? url : DefaultMySqlUrl;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, bool migrate = true)
    {
        DapperSetup.Configure();
        var database = kind == DatabaseKind.Sqlite ? CreateSqlite() : await CreateMySqlAsync();
        if (migrate)
        {
            await database.MigrateAsync();
        }

        return database;
    }

    public async Task MigrateAsync()
    {
        await new DatabaseMigrator(Database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        await new PartitionMaintenance(Database, new RetentionOptions(), TimeProvider.System, NullLogger<PartitionMaintenance>.Instance).RunAsync();
    }

    public async ValueTask DisposeAsync() => await _drop();

    private static TestDatabase CreateSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("ai-test-");
        var path = Path.Combine(folder.FullName, "test.db");
        return new TestDatabase(DatabaseKind.Sqlite, $"sqlite:///{path}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreateMySqlAsync()
    {
        var server = DatabaseUrl.Parse(MySqlServerUrl);
        var name = "ai_test_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await ExecuteOnServerAsync(server, $"CREATE DATABASE {name} CHARACTER SET utf8mb4");
        }
        catch (MySqlException e)
        {
            throw new InvalidOperationException(
                $"The MariaDB/MySQL test server is not reachable ({e.Message}). Start it with `bash scripts/mariadb-test-server.sh` " +
                "or point TEST_MYSQL_URL at a server where the user may create databases named ai_test_*.", e);
        }

        var builder = new MySqlConnectionStringBuilder(server.ConnectionString);
        var url = $"mysql://{Uri.EscapeDataString(builder.UserID)}:{Uri.EscapeDataString(builder.Password)}@{builder.Server}:{builder.Port}/{name}";
        return new TestDatabase(DatabaseKind.MySql, url, async () =>
        {
            // Idle pooled connections to a dropped database would stay open for the driver's idle
            // timeout (180 s); a suite creating hundreds of databases would run the server out of
            // connections ("Too many connections").
            await using (var pooled = new MySqlConnection(DatabaseUrl.Parse(url).ConnectionString))
            {
                await MySqlConnection.ClearPoolAsync(pooled);
            }

            await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS {name}");
        });
    }

    private static async Task ExecuteOnServerAsync(DatabaseUrl server, string sql)
    {
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
