namespace AccountingIntegration.Features.Import;

/// <summary>
/// The first pass, the whole of a dry run: reads every row of every table, parents first, converts it, and checks
/// keys, unique values and foreign keys against the rows accepted so far. Nothing is written to the database; every
/// rejected row goes to the report, and a file whose row count differs from the manifest stops the import.
/// </summary>
internal sealed class ImportValidation(RowConverter converter, RejectionReport report, IImportProgress progress)
{
    /// <summary>Accepted keys by table, with each row's organization, for the foreign-key and same-organization checks.</summary>
    private readonly Dictionary<string, Dictionary<string, string?>> _accepted = new(StringComparer.Ordinal);

    /// <summary>Row numbers rejected per table, which the writing pass skips.</summary>
    public Dictionary<string, HashSet<long>> Rejected { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ImportTally> Tallies { get; } = new(StringComparer.Ordinal);

    public List<string> CountProblems { get; } = [];

    public void Run(IReadOnlyList<ExportFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var table = file.Table;
            var tally = Tallies[table.Name] = new ImportTally(table.Name);
            var rejected = Rejected[table.Name] = [];
            var keys = _accepted[table.Name] = new Dictionary<string, string?>(StringComparer.Ordinal);
            var unique = table.UniqueKeys.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
            progress.Start($"check {table.Name}", file.ExpectedRows);
            foreach (var raw in file.ReadRows())
            {
                cancellationToken.ThrowIfCancellationRequested();
                tally.Rows++;
                var conversion = converter.Convert(table, raw, secrets: null);
                var rejection = conversion.Rejection ?? Check(table, conversion.Row!, keys, unique);
                if (rejection is null)
                {
                    var row = conversion.Row!;
                    keys[(string)row[table.Key]!] = row.GetValueOrDefault("organization_id") as string;
                    for (var i = 0; i < unique.Length; i++)
                    {
                        if (UniqueValue(table.UniqueKeys[i], row) is { } value)
                        {
                            unique[i].Add(value);
                        }
                    }

                    tally.Accepted++;
                }
                else
                {
                    rejected.Add(raw.Number);
                    tally.Rejected++;
                    report.Add(table.Name, raw.Number, KeyOf(table, raw, conversion.Row), rejection);
                }

                progress.Advance(1);
            }

            progress.Complete();
            if (tally.Rows != file.ExpectedRows)
            {
                CountProblems.Add($"{table.Name}: the manifest says {file.ExpectedRows} rows, the file has {tally.Rows}.");
            }
        }
    }

    private Rejection? Check(LegacyTable table, Dictionary<string, object?> row, Dictionary<string, string?> keys, HashSet<string>[] unique)
    {
        if (keys.ContainsKey((string)row[table.Key]!))
        {
            return new Rejection(Rejection.DuplicateKey, $"{table.Key}: an earlier row of the export has the same key.");
        }

        for (var i = 0; i < unique.Length; i++)
        {
            if (UniqueValue(table.UniqueKeys[i], row) is { } value && unique[i].Contains(value))
            {
                return new Rejection(Rejection.DuplicateUnique, $"{string.Join(", ", table.UniqueKeys[i])}: an earlier row of the export has the same value, which must be unique.");
            }
        }

        foreach (var column in table.Columns.Where(c => c.References is not null))
        {
            if (row[column.Name] is not string parentKey)
            {
                continue;
            }

            if (!_accepted[column.References!].TryGetValue(parentKey, out var parentOrganization))
            {
                return new Rejection(Rejection.MissingParent, $"{column.Name}: {parentKey} is not among the {column.References} rows of the export (missing, or rejected itself).");
            }

            if (column.SameOrganization && row.GetValueOrDefault("organization_id") is string organization && parentOrganization != organization)
            {
                return new Rejection(Rejection.OtherOrganization, $"{column.Name}: {parentKey} belongs to another organization.");
            }
        }

        return null;
    }

    /// <summary>SQL's rule: a unique key with a NULL part never collides.</summary>
    private static string? UniqueValue(string[] columns, Dictionary<string, object?> row)
    {
        var parts = columns.Select(c => row.GetValueOrDefault(c)?.ToString()).ToArray();
        return parts.Any(p => p is null) ? null : string.Join('\u001f', parts);
    }

    /// <summary>The row's key for the report, cut short: a rejected row's key column may hold anything.</summary>
    private static string? KeyOf(LegacyTable table, RawRow raw, Dictionary<string, object?>? row)
    {
        var key = row?.GetValueOrDefault(table.Key) as string
                  ?? table.Columns.First(c => c.Name == table.Key).OldNames.Select(n => raw.Values.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);
        return key is { Length: > 100 } ? key[..100] + "…" : key;
    }
}
