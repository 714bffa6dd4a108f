namespace AccountingIntegration.Infrastructure.Commands;

/// <summary>
/// An administrative command the program runs instead of serving HTTP (<c>dotnet run -- create-admin …</c>).
/// Each feature registers its own with <see cref="ServiceCommandRegistration.AddServiceCommand"/>.
/// </summary>
internal sealed record ServiceCommand(string Name, string Help, Func<IServiceProvider, CommandArguments, TextWriter, Task<int>> RunAsync);

/// <summary>Work that must happen before any command runs (commands run without the hosted services).</summary>
internal sealed record CommandPreparation(Func<IServiceProvider, ServiceCommand, Task> RunAsync);

internal static class ServiceCommandRegistration
{
    public static void AddServiceCommand(
        this IHostApplicationBuilder builder, string name, string help, Func<IServiceProvider, CommandArguments, TextWriter, Task<int>> runAsync) =>
        builder.Services.AddSingleton(new ServiceCommand(name, help, runAsync));

    public static void AddCommandPreparation(this IHostApplicationBuilder builder, Func<IServiceProvider, ServiceCommand, Task> runAsync) =>
        builder.Services.AddSingleton(new CommandPreparation(runAsync));
}
