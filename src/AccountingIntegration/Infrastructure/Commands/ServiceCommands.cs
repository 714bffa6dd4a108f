namespace AccountingIntegration.Infrastructure.Commands;

/// <summary>
/// Runs the administrative commands the features registered (<see cref="ServiceCommand"/>) instead of
/// serving HTTP: <c>dotnet run -- migrate</c>. Each returns a process exit code.
/// </summary>
internal static class ServiceCommands
{
    public static bool IsCommand(IServiceProvider services, string[] args) =>
        args.Length > 0 && (args[0] is "help" or "--help" || Find(services, args[0]) is not null);

    /// <summary>A first argument that is neither a setting (<c>--PORT=…</c>) nor a command: a typo, not a request to serve.</summary>
    public static bool IsUnknownCommand(IServiceProvider services, string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !IsCommand(services, args);

    /// <summary>Says which command was not understood, then lists the ones there are; the exit code is 1.</summary>
    public static async Task<int> RefuseUnknownAsync(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        output ??= Console.Error;
        await output.WriteLineAsync($"Unknown command '{args[0]}'.");
        await ListAsync(services, output);
        return 1;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (Find(services, args[0]) is not { } command)
        {
            await ListAsync(services, output);
            return 0;
        }

        try
        {
            foreach (var preparation in services.GetServices<CommandPreparation>())
            {
                await preparation.RunAsync(services, command);
            }

            return await command.RunAsync(services, new CommandArguments(args[1..]), output);
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {e.Message}");
            return 1;
        }
    }

    private static async Task ListAsync(IServiceProvider services, TextWriter output)
    {
        await output.WriteLineAsync("Commands (run with no command to serve HTTP):");
        foreach (var known in services.GetServices<ServiceCommand>().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {known.Name,-22} {known.Help}");
        }
    }

    private static ServiceCommand? Find(IServiceProvider services, string name) =>
        services.GetServices<ServiceCommand>().FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
