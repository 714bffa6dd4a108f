namespace AccountingIntegration.Features.Import;

/// <summary>
/// The second pass, with <c>--apply</c>: writes each table's accepted rows in batches, parents first, continuing after
/// the checkpoint an earlier run left. Secrets are re-encrypted here, just before their row is written.
/// </summary>
internal sealed class ImportWriter(
    ImportStore store, RowConverter converter, ImportSecrets secrets, RejectionReport report, IImportProgress progress, ImportContext context)
{
    /// <returns>False when <paramref name="maxRows"/> stopped the run before the end.</returns>
    public async Task<bool> RunAsync(
        IReadOnlyList<ExportFile> files, ImportValidation validation, IReadOnlyDictionary<string, ImportCheckpoint> checkpoints,
        int batchSize, long? maxRows, CancellationToken cancellationToken)
    {
        long budget = maxRows ?? long.MaxValue;
        foreach (var file in files)
        {
            var table = file.Table;
            var tally = validation.Tallies[table.Name];
            var rejected = validation.Rejected[table.Name];
            var checkpoint = checkpoints.GetValueOrDefault(table.Name) ?? new ImportCheckpoint(table.Name, file.Sha256, 0, 0, false);
            tally.AlreadyPresent += checkpoint.RowsWritten;
            if (checkpoint.Completed)
            {
                continue;
            }

            progress.Start($"write {table.Name}", file.ExpectedRows - checkpoint.RowsRead);
            var batch = new List<(long, Dictionary<string, object?>)>(batchSize);
            var read = checkpoint.RowsRead;
            var shown = checkpoint.RowsRead;
            foreach (var raw in file.ReadRows().SkipWhile(r => r.Number <= checkpoint.RowsRead))
            {
                if (budget == 0)
                {
                    break;
                }

                budget--;
                read = raw.Number;
                if (!rejected.Contains(raw.Number))
                {
                    // Validation accepted this row, so converting it again succeeds; now with its secrets re-encrypted.
                    batch.Add((raw.Number, converter.Convert(table, raw, secrets).Row!));
                }

                if (read - checkpoint.RowsRead >= batchSize)
                {
                    checkpoint = await FlushAsync(table, tally, batch, checkpoint with { RowsRead = read }, cancellationToken);
                    progress.Advance(read - shown);
                    shown = read;
                }
            }

            var completed = read == file.ExpectedRows;
            await FlushAsync(table, tally, batch, checkpoint with { RowsRead = read, Completed = completed }, cancellationToken);
            progress.Advance(read - shown);
            progress.Complete();
            if (!completed)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<ImportCheckpoint> FlushAsync(
        LegacyTable table, ImportTally tally, List<(long Number, Dictionary<string, object?> Row)> batch, ImportCheckpoint next, CancellationToken cancellationToken)
    {
        var (written, present, conflicts) = await store.WriteBatchAsync(table, batch, next, context.Now, cancellationToken);
        tally.Written += written;
        tally.AlreadyPresent += present;
        foreach (var conflict in conflicts)
        {
            tally.Accepted--;
            tally.Rejected++;
            report.Add(table.Name, conflict.RowNumber, conflict.Key, new Rejection(Rejection.ConflictsWithDatabase,
                $"a different row already in the database has the same value in a unique key ({string.Join("; ", table.UniqueKeys.Select(k => string.Join(", ", k)))})."));
        }

        batch.Clear();
        return next with { RowsWritten = next.RowsWritten + written };
    }
}
