using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// <c>import --from &lt;export folder&gt; [--apply]</c>: the old system's data migration (SPEC §12, docs/import.md).
/// Without <c>--apply</c> it is a dry run that checks everything and writes nothing but the report.
/// </summary>
internal static class ImportCommand
{
    public const string Name = "import";

    /// <summary>Every row accepted (and, with --apply, written).</summary>
    public const int Complete = 0;

    /// <summary>Finished, but some rows were rejected; the report lists them.</summary>
    public const int CompleteWithRejections = 3;

    /// <summary>Stopped before the end (--max-rows or Ctrl+C); the same command continues from the checkpoint.</summary>
    public const int Stopped = 4;

    public const string PassphraseSetting = "LEGACY_ENCRYPTION_KEY";

    public static void Register(IHostApplicationBuilder builder) =>
        builder.AddServiceCommand(Name,
            "--from <export folder> [--apply] [--report <file.csv>] [--batch-size N] [--max-rows N] [--passphrase-file <file>]: " +
            "load the old system's export (dry run unless --apply)",
            RunAsync);

    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var request = new ImportRequest(
            args.Required("from"),
            args.Flag("apply"),
            args.Optional("report") ?? "import-rejections.csv",
            (int)Math.Min(args.PositiveNumber("batch-size") ?? 500, 10_000),
            args.PositiveNumber("max-rows"),
            Passphrase(services.GetRequiredService<IConfiguration>(), args.Optional("passphrase-file")));
        if (!Directory.Exists(request.Directory))
        {
            throw new CommandException($"--from: the folder {request.Directory} does not exist.");
        }

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The batch in flight rolls back; everything committed before it stays, with its checkpoint.
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var runner = ActivatorUtilities.CreateInstance<ImportRunner>(services);
            return await runner.RunAsync(request, output, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            await output.WriteLineAsync("Interrupted. Run the same command again to continue where it stopped.");
            return Stopped;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The old service's CryptoJS passphrase: from a file or the setting, never from the command line (ps shows it).</summary>
    private static string Passphrase(IConfiguration configuration, string? file)
    {
        if (file is not null)
        {
            return File.Exists(file)
                ? File.ReadAllText(file).TrimEnd('\r', '\n')
                : throw new CommandException($"--passphrase-file: {file} was not found.");
        }

        return Settings.Text(configuration, PassphraseSetting)
               ?? throw new CommandException($"{PassphraseSetting} (the old service's encryption passphrase) is required, or --passphrase-file <file>.");
    }
}

/// <summary>One run of the import, as the operator asked for it.</summary>
internal sealed record ImportRequest(string Directory, bool Apply, string ReportPath, int BatchSize, long? MaxRows, string Passphrase);
