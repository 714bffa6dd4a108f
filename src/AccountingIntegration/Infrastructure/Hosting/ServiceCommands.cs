using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Administrative commands that run from the same program instead of serving HTTP:
/// <c>dotnet run -- migrate</c>. Each returns a process exit code.
/// </summary>
internal static class ServiceCommands
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, string[], TextWriter, Task<int>> Run)> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["migrate"] = ("apply pending database migrations and exit", MigrateAsync),
        ["maintain-partitions"] = ("add coming partitions and drop expired ones (MySQL) or delete expired rows (SQLite)", MaintainAsync),
        ["seed-templates"] = ("install the built-in global mapping templates that are not installed yet", SeedTemplatesAsync),
        ["create-admin"] = ("--email <e-mail> [--role admin|viewer]; password from ADMIN_PASSWORD (or --password)",
            (services, args, output) => Features.Admin.Auth.AdminCommands.CreateAdminAsync(services, new CommandArguments(args), output)),
        ["create-organization"] = ("--slug <slug> [--name <name>] [--plan free|starter|pro|enterprise]",
            (services, args, output) => OrganizationCommands.CreateOrganizationAsync(services, new CommandArguments(args), output)),
        ["create-connect-link"] = ("--org <slug> [--days 7]: prints a single-use link that connects the org's QBO company",
            (services, args, output) => OrganizationCommands.CreateConnectLinkAsync(services, new CommandArguments(args), output)),
        ["generate-api-key"] = ("--org <slug> [--name <label>] [--source <source id>]: prints a new key once",
            (services, args, output) => OrganizationCommands.GenerateApiKeyAsync(services, new CommandArguments(args), output)),
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help");

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (!Commands.TryGetValue(args[0], out var command))
        {
            await output.WriteLineAsync("Commands (run with no command to serve HTTP):");
            foreach (var (name, (help, _)) in Commands)
            {
                await output.WriteLineAsync($"  {name,-22} {help}");
            }

            return 0;
        }

        try
        {
            // Commands run without the hosted services, so the schema is brought up to date here.
            if (!args[0].Equals("migrate", StringComparison.OrdinalIgnoreCase) && services.GetRequiredService<DatabaseOptions>().MigrateOnStart)
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            }

            return await command.Run(services, args[1..], output);
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await services.GetRequiredService<PartitionMaintenance>().RunAsync();
        return 0;
    }

    private static async Task<int> SeedTemplatesAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var installed = await services.GetRequiredService<Features.Mapping.TemplateInstaller>().InstallAsync(CancellationToken.None);
        await output.WriteLineAsync(installed.Count == 0 ? "All built-in templates are already installed." : "Installed: " + string.Join("; ", installed));
        return 0;
    }

    private static async Task<int> MaintainAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        await services.GetRequiredService<PartitionMaintenance>().RunAsync();
        return 0;
    }
}
