using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AccountingIntegration.Tests.Hosting;

/// <summary><c>backup --to</c> copies a SQLite database that a running service keeps writing to, and refuses MariaDB.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ai-backup-");

    [Fact]
    public async Task Backup_WhileTheServiceWrites_CopiesEveryCommittedRow_AndTheCopyServes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var service = await TestService.StartAsync(database);
        var organizations = service.Services.GetRequiredService<OrganizationStore>();
        var before = await organizations.CreateAsync("Before backup", Unique.Slug(), "pro", null, default);
        var target = Path.Combine(_folder.FullName, "copies", "accounting.db");
        var output = new StringWriter();

        // Writers keep going while the backup runs; the copy holds one committed state.
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await organizations.CreateAsync("During backup", Unique.Slug(), "pro", null, default);
            }
        });
        var exitCode = await ServiceCommands.RunAsync(service.Services, [SqliteBackup.Command, "--to", target], output);
        await stop.CancelAsync();
        await writing;

        Assert.Equal(0, exitCode);
        Assert.Contains(target, output.ToString(), StringComparison.Ordinal);
        await using (var copy = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            Assert.Equal(1, await copy.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM organizations WHERE organization_id = @Id", new { Id = before.OrganizationId }));
        }

        // The copy is a whole database: the service starts on it (migrate finds the schema current and exits 0).
        var restored = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = "sqlite:///" + target }, ["migrate"]);
        Assert.Equal(0, restored.ExitCode);
    }

    [Fact]
    public async Task Backup_RefusesToOverwrite_AndRefusesMariaDb()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var mariaDb = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        var existing = Path.Combine(_folder.FullName, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var overwrite = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = sqlite.Url }, [SqliteBackup.Command, "--to", existing]);
        var wrongDatabase = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = mariaDb.Url },
            [SqliteBackup.Command, "--to", Path.Combine(_folder.FullName, "m.db")]);

        Assert.Equal(1, overwrite.ExitCode);
        Assert.StartsWith("backup: --to:", overwrite.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(1, wrongDatabase.ExitCode);
        Assert.Contains("mariadb-dump", wrongDatabase.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "m.db")));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
