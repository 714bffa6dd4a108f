using System.Runtime.InteropServices;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>
/// <c>ingest-baselines --database sqlite|mysql --empty-port N --naive-port N</c>: the two baseline endpoints of
/// the ingest benchmark on fixed loopback ports, plus a fresh database for the service, for a load generator in
/// another process (bench/ingest-wrk.sh runs wrk against them and the service). Prints <c>KEY=value</c> lines
/// (EMPTY_URL, NAIVE_URL, SERVICE_DATABASE_URL), then serves until SIGTERM or SIGINT, and drops both databases.
/// </summary>
internal static class BaselinesCommand
{
    public const string Name = "ingest-baselines";

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = Option(args, "--database", "sqlite") == "mysql" ? BenchDatabaseKind.MySql : BenchDatabaseKind.Sqlite;
        var emptyPort = int.Parse(Option(args, "--empty-port", "0"), System.Globalization.CultureInfo.InvariantCulture);
        var naivePort = int.Parse(Option(args, "--naive-port", "0"), System.Globalization.CultureInfo.InvariantCulture);

        await using var naiveDatabase = await BenchDatabase.CreateAsync(kind, "naive");
        await using var serviceDatabase = await BenchDatabase.CreateAsync(kind, "service");
        var naiveStore = kind == BenchDatabaseKind.Sqlite
            ? await NaiveStore.CreateSqliteAsync(naiveDatabase.ConnectionString)
            : await NaiveStore.CreateMySqlAsync(naiveDatabase.ConnectionString);
        await using var empty = await BaselineHost.StartEmptyAsync($"http://127.0.0.1:{emptyPort}");
        await using var naive = await BaselineHost.StartNaiveAsync(naiveStore, $"http://127.0.0.1:{naivePort}");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        Console.WriteLine($"EMPTY_URL={new Uri(empty.BaseAddress, "/hook")}");
        Console.WriteLine($"NAIVE_URL={new Uri(naive.BaseAddress, "/hook")}");
        Console.WriteLine($"SERVICE_DATABASE_URL={serviceDatabase.Url}");
        Console.WriteLine("READY");
        await stop.Task;
        return 0;

        void Stop(PosixSignalContext context)
        {
            // Not the default exit: the databases are dropped by the disposals above.
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
