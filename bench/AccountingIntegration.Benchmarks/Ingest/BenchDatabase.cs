using MySqlConnector;

namespace AccountingIntegration.Benchmarks.Ingest;

internal enum BenchDatabaseKind
{
    Sqlite,
    MySql,
}

/// <summary>
/// A throw-away database for one phase: a SQLite file in a fresh temporary folder, or a new database on the
/// MariaDB/MySQL server (named ai_test_bench_*, which the test user of scripts/mariadb-test-server.sh may create).
/// Disposing deletes it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string DefaultMySqlServerUrl = "mysql://ai_test:ai_test@127.0.0.1:3306/ai_test";

    private readonly Func<Task> _drop;

    private BenchDatabase(BenchDatabaseKind kind, string url, string connectionString, Func<Task> drop)
    {
        Kind = kind;
        Url = url;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public BenchDatabaseKind Kind { get; }

    /// <summary>The service's DATABASE_URL form.</summary>
    public string Url { get; }

    /// <summary>For SQLite the file path; for MySQL an ADO.NET connection string.</summary>
    public string ConnectionString { get; }

    public static string MySqlServerUrl =>
        Environment.GetEnvironmentVariable("TEST_MYSQL_URL") is { Length: > 0 } url ? url : DefaultMySqlServerUrl;

    public static Task<BenchDatabase> CreateAsync(BenchDatabaseKind kind, string name) =>
        kind == BenchDatabaseKind.Sqlite ? Task.FromResult(CreateSqlite(name)) : CreateMySqlAsync();

    public async ValueTask DisposeAsync() => await _drop();

    private static BenchDatabase CreateSqlite(string name)
    {
        var folder = Directory.CreateTempSubdirectory("ai-bench-");
        var path = Path.Combine(folder.FullName, name + ".db");
        return new BenchDatabase(BenchDatabaseKind.Sqlite, $"sqlite:///{path}", path, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<BenchDatabase> CreateMySqlAsync()
    {
        var server = ParseServer(MySqlServerUrl);
        var name = "ai_test_bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await ExecuteOnServerAsync(server, $"CREATE DATABASE {name} CHARACTER SET utf8mb4");
        }
        catch (MySqlException e)
        {
            throw new InvalidOperationException(
                $"The MariaDB/MySQL server at TEST_MYSQL_URL is not reachable ({e.Message}). Start it with `bash scripts/mariadb-test-server.sh`, " +
                "or run with --databases sqlite.", e);
        }

        var database = new MySqlConnectionStringBuilder(server.ConnectionString) { Database = name, MaximumPoolSize = 200 };
        var url = $"mysql://{Uri.EscapeDataString(server.UserID)}:{Uri.EscapeDataString(server.Password)}@{server.Server}:{server.Port}/{name}";
        return new BenchDatabase(BenchDatabaseKind.MySql, url, database.ConnectionString, async () =>
        {
            MySqlConnection.ClearAllPools();
            await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS {name}");
        });
    }

    private static MySqlConnectionStringBuilder ParseServer(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':', 2);
        return new MySqlConnectionStringBuilder
        {
            Server = uri.Host,
            Port = uri.Port > 0 ? (uint)uri.Port : 3306,
            UserID = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : string.Empty,
            Database = uri.AbsolutePath.Trim('/'),
            CharacterSet = "utf8mb4",
        };
    }

    private static async Task ExecuteOnServerAsync(MySqlConnectionStringBuilder server, string sql)
    {
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
