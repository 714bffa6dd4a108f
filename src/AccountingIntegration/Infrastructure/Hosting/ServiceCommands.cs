using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Administrative commands that run from the same program instead of serving HTTP:
/// <c>dotnet run -- migrate</c>. Each returns a process exit code.
/// </summary>
internal static class ServiceCommands
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, string[], Task<int>> Run)> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["migrate"] = ("apply pending database migrations and exit", MigrateAsync),
        ["maintain-partitions"] = ("add coming partitions and drop expired ones (MySQL) or delete expired rows (SQLite)", MaintainAsync),
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help");

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!Commands.TryGetValue(args[0], out var command))
        {
            Console.WriteLine("Commands (run with no command to serve HTTP):");
            foreach (var (name, (help, _)) in Commands)
            {
                Console.WriteLine($"  {name,-22} {help}");
            }

            return 0;
        }

        return await command.Run(services, args[1..]);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await services.GetRequiredService<PartitionMaintenance>().RunAsync();
        return 0;
    }

    private static async Task<int> MaintainAsync(IServiceProvider services, string[] args)
    {
        await services.GetRequiredService<PartitionMaintenance>().RunAsync();
        return 0;
    }
}
