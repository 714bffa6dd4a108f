using AccountingIntegration.Infrastructure.Configuration;
using System.Reflection;
using Dapper;
using FluentMigrator;
using FluentMigrator.Runner;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Applies the FluentMigrator migrations in this assembly to the configured database, and reads
/// back the applied version for the health endpoint. The runner gets its own small service
/// provider so its registrations never leak into the application's container.
/// </summary>
internal sealed class DatabaseMigrator(Database database, ILogger<DatabaseMigrator> logger)
{
    /// <summary>The highest migration this build carries (the last of <see cref="KnownVersions"/>), so it cannot lag behind a new one.</summary>
    public static long LatestVersion => KnownVersions[^1];

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await PrepareDatabaseAsync(cancellationToken);

        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                if (database.Provider == DatabaseProvider.Sqlite)
                {
                    runner.AddSQLite();
                }
                else
                {
                    runner.AddMySql5();
                }

                runner.WithGlobalConnectionString(database.Url.ConnectionString)
                    .ScanIn(typeof(DatabaseMigrator).Assembly).For.Migrations();
            })
            .AddLogging()
            .BuildServiceProvider(validateScopes: false);

        var runner = services.GetRequiredService<IMigrationRunner>();
        runner.MigrateUp();
        var version = await GetAppliedVersionAsync(cancellationToken);
        logger.LogInformation("Database {Database} is at migration {Version}", database.Url.ToString(), version);
    }

    /// <summary>The highest applied migration, or null before the first migration ran.</summary>
    public async Task<long?> GetAppliedVersionAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT MAX(Version) FROM VersionInfo";
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException)
        {
            // No VersionInfo table yet: nothing has been applied.
            return null;
        }
    }

    /// <summary>The migrations of this build, by version: what the runner would apply to an empty database.</summary>
    public static IReadOnlyList<long> KnownVersions { get; } = typeof(DatabaseMigrator).Assembly.GetTypes()
        .Select(t => t.GetCustomAttribute<MigrationAttribute>(inherit: false))
        .OfType<MigrationAttribute>()
        .Select(a => a.Version)
        .Order()
        .ToArray();

    /// <summary>
    /// This build's migrations the database has not applied, in order: every one of them before the first
    /// migration ran. Compared version by version, not by the highest, so a gap left by a removed row counts too.
    /// </summary>
    public async Task<IReadOnlyList<long>> GetPendingVersionsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT Version FROM VersionInfo";
        await using var connection = await database.OpenAsync(cancellationToken);
        HashSet<long> applied;
        try
        {
            applied = (await connection.QueryAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToHashSet();
        }
        catch (System.Data.Common.DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // No VersionInfo table yet: nothing has been applied.
            applied = [];
        }

        return KnownVersions.Where(v => !applied.Contains(v)).ToArray();
    }

    private async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        // SQLite creates the file, not its folder. WAL is a property of the file: set it once here.
        var folder = Path.GetDirectoryName(database.Url.DatabaseName);
        if (!string.IsNullOrEmpty(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupException("DATABASE_URL", $"cannot create the SQLite folder {folder}: {e.Message}", e);
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
    }
}
