using System.Data;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>The 202 body of both baselines: the shape and about the size of the service's answer.</summary>
internal sealed record BaselineAccepted(string PayloadId, string Status, bool Duplicate, DateTime ReceivedAt);

internal sealed record BaselineResponse(bool Success, BaselineAccepted Data);

/// <summary>A tiny Kestrel app of its own on loopback with one POST route, <c>/hook</c>.</summary>
internal sealed class BaselineHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BaselineHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Baseline (a): an empty minimal-API endpoint answering 202 with a small JSON body, not reading the request body.</summary>
    public static Task<BaselineHost> StartEmptyAsync(string url = "http://127.0.0.1:0") => StartAsync(url, app =>
        app.MapPost("/hook", () => TypedResults.Accepted((string?)null,
            new BaselineResponse(true, new BaselineAccepted("wh_empty", "queued", false, DateTime.UtcNow)))));

    /// <summary>Baseline (b): reads the body and inserts it in its own transaction, then answers 202.</summary>
    public static Task<BaselineHost> StartNaiveAsync(NaiveStore store, string url = "http://127.0.0.1:0") => StartAsync(url, app =>
        app.MapPost("/hook", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(cancellationToken);
            var receivedAt = DateTime.UtcNow;
            var id = await store.InsertAsync(body, receivedAt, cancellationToken);
            return TypedResults.Accepted((string?)null, new BaselineResponse(true, new BaselineAccepted("wh_" + id, "queued", false, receivedAt)));
        }));

    internal static async Task<BaselineHost> StartAsync(string url, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Configured by this code only: the process's environment and appsettings must not reach it.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BaselineHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The naive durable insert: one table, one transaction per request, committed before the answer.
/// SQLite: a file in WAL mode with synchronous=FULL (what the service uses), pooled connections, BEGIN IMMEDIATE;
/// writers take turns on an async lock rather than spinning on SQLITE_BUSY, which is the fastest way to commit
/// one transaction per request on SQLite and so the strictest baseline. MariaDB: an InnoDB table, pooled
/// connections, one READ COMMITTED transaction per request; the server groups the log flushes itself.
/// </summary>
internal sealed class NaiveStore
{
    private readonly string _connectionString;
    private readonly bool _sqlite;
    private readonly SemaphoreSlim _writeTurn = new(1, 1);

    private NaiveStore(string connectionString, bool sqlite)
    {
        _connectionString = connectionString;
        _sqlite = sqlite;
    }

    public static async Task<NaiveStore> CreateSqliteAsync(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new NaiveStore(connectionString, sqlite: true);
        await store.ExecuteAsync("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS naive_payloads (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at TEXT NOT NULL,
                raw_payload TEXT NOT NULL);
            """);
        return store;
    }

    public static async Task<NaiveStore> CreateMySqlAsync(string connectionString)
    {
        var store = new NaiveStore(connectionString, sqlite: false);
        await store.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS naive_payloads (
                id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                received_at DATETIME(6) NOT NULL,
                raw_payload MEDIUMTEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """);
        return store;
    }

    public async Task<long> InsertAsync(string body, DateTime receivedAt, CancellationToken cancellationToken)
    {
        if (!_sqlite)
        {
            return await InsertOnceAsync(body, receivedAt, cancellationToken);
        }

        await _writeTurn.WaitAsync(cancellationToken);
        try
        {
            return await InsertOnceAsync(body, receivedAt, cancellationToken);
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    private async Task<long> InsertOnceAsync(string body, DateTime receivedAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _sqlite
            ? "INSERT INTO naive_payloads (received_at, raw_payload) VALUES (@receivedAt, @body); SELECT last_insert_rowid();"
            : "INSERT INTO naive_payloads (received_at, raw_payload) VALUES (@receivedAt, @body); SELECT LAST_INSERT_ID();";
        AddParameter(command, "@receivedAt", _sqlite ? receivedAt.ToString("O") : receivedAt);
        AddParameter(command, "@body", body);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _sqlite ? new SqliteConnection(_connectionString) : new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (_sqlite)
        {
            // As the service does on every open: durable commits, and a wait instead of an immediate SQLITE_BUSY.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
