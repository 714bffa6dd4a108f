using AccountingIntegration.Infrastructure.Commands;
using Microsoft.Data.Sqlite;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// The <c>backup --to &lt;file&gt;</c> command: a consistent copy of the SQLite database while the service keeps serving,
/// through SQLite's online backup API (https://www.sqlite.org/backup.html), which copies pages under a read transaction
/// and so sees one committed state. Copying the file with <c>cp</c> would tear a database in WAL mode. MariaDB has its own
/// tools (docs/operations.md).
/// </summary>
internal static class SqliteBackup
{
    public const string Command = "backup";

    public static void Register(IHostApplicationBuilder builder) =>
        builder.AddServiceCommand(Command, "--to <file>: copy the SQLite database while the service runs (online backup API)", RunAsync);

    private static async Task<int> RunAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var database = services.GetRequiredService<Database>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new CommandException("backup copies SQLite databases; back MariaDB up with mariadb-dump --single-transaction or mariadb-backup (docs/operations.md).");
        }

        var target = Path.GetFullPath(args.Required("to"));
        if (File.Exists(target))
        {
            throw new CommandException($"--to: {target} exists; choose a new file, so no backup is overwritten by mistake.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var source = (SqliteConnection)await database.OpenAsync();
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }

        await output.WriteLineAsync($"Backed up to {target} ({new FileInfo(target).Length:N0} bytes).");
        return 0;
    }
}
