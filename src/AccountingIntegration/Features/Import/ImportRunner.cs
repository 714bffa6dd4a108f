using CsvHelper;
using AccountingIntegration.Infrastructure.Commands;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// One import run: manifest and checksums, then the checking pass over every row (the dry run ends there), then,
/// with --apply, the writing pass from the checkpoints on. Prints a summary per table.
/// </summary>
internal sealed class ImportRunner(ImportStore store, ImportSecrets secrets, TimeProvider time)
{
    public async Task<int> RunAsync(ImportRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var files = ManifestCheck.Verify(request.Directory, ExportManifest.Load(request.Directory));
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        foreach (var file in files)
        {
            if (checkpoints.TryGetValue(file.Table.Name, out var checkpoint) && checkpoint.FileSha256 != file.Sha256)
            {
                throw new CommandException(
                    $"{file.Table.Name}: an earlier import read a different export file (another SHA-256). Resume with the same export, or import into an empty database.");
            }
        }

        var context = new ImportContext(time.GetUtcNow().UtcDateTime);
        var converter = new RowConverter(request.Passphrase, context);
        await using var report = new RejectionReport(request.ReportPath);
        var interactive = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        Func<Func<IImportProgress, Task<(ImportValidation, bool)>>, Task<(ImportValidation, bool)>> show = interactive
            ? ConsoleProgress.RunAsync
            : work => work(new PlainProgress(output, time));
        var (validation, finished) = await ReadingAsync(() => show(async progress =>
        {
            var validation = new ImportValidation(converter, report, progress);
            validation.Run(files, cancellationToken);
            if (validation.CountProblems.Count > 0)
            {
                throw new CommandException("the export does not match its manifest:\n  " + string.Join("\n  ", validation.CountProblems));
            }

            if (!request.Apply)
            {
                return (validation, true);
            }

            var writer = new ImportWriter(store, converter, secrets, report, progress, context);
            return (validation, await writer.RunAsync(files, validation, checkpoints, request.BatchSize, request.MaxRows, cancellationToken));
        }));

        await WriteSummaryAsync(output, request, validation, report);
        if (!finished)
        {
            await output.WriteLineAsync("Stopped before the end (--max-rows). Run the same command again to continue.");
            return ImportCommand.Stopped;
        }

        return report.Count > 0 ? ImportCommand.CompleteWithRejections : ImportCommand.Complete;
    }

    /// <summary>A file BigQuery could not have written (broken CSV quoting) stops the run with one line, not a stack trace.</summary>
    private static async Task<T> ReadingAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (CsvFormatException e)
        {
            throw new CommandException($"an export file is not valid CSV: {e.Message}");
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, ImportRequest request, ImportValidation validation, RejectionReport report)
    {
        await output.WriteLineAsync(request.Apply
            ? "Import:"
            : "Dry run: nothing was written to the database. Run again with --apply to import the accepted rows.");
        await output.WriteLineAsync($"  {"table",-26} {"rows",9} {"accepted",9} {"rejected",9} {"written",9} {"present",9}");
        foreach (var tally in validation.Tallies.Values)
        {
            await output.WriteLineAsync(
                $"  {tally.Table,-26} {tally.Rows,9} {tally.Accepted,9} {tally.Rejected,9} {tally.Written,9} {tally.AlreadyPresent,9}");
        }

        await output.WriteLineAsync(report.Count == 0
            ? "No row was rejected."
            : $"{report.Count} rows rejected; each is listed with its reason in {report.Path}");
    }
}
