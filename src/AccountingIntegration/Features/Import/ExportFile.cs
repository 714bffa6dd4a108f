using System.IO.Compression;
using System.Text.Json;
using CsvHelper;

namespace AccountingIntegration.Features.Import;

/// <summary>Formats BigQuery exports to: CSV with a header line, and newline-delimited JSON; either may be gzipped.</summary>
internal enum ExportFormat
{
    Csv,
    Jsonl,
}

/// <summary>One row as exported: its 1-based number among the file's data rows, and its values by old column name.</summary>
internal sealed record RawRow(long Number, IReadOnlyDictionary<string, string?> Values, string? ParseError = null);

/// <summary>One table's export file, verified against the manifest, read as a stream of rows.</summary>
internal sealed record ExportFile(LegacyTable Table, string Path, long ExpectedRows, string Sha256)
{
    public static ExportFormat? FormatOf(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return System.IO.Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".csv" => ExportFormat.Csv,
            ".jsonl" or ".json" or ".ndjson" => ExportFormat.Jsonl,
            _ => null,
        };
    }

    public IEnumerable<RawRow> ReadRows() => FormatOf(Path) == ExportFormat.Csv ? ReadCsv() : ReadJsonLines();

    private Stream Open()
    {
        Stream stream = File.OpenRead(Path);
        return Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private IEnumerable<RawRow> ReadCsv()
    {
        // Malformed quoting stops the import (the file is not what BigQuery wrote); messages never carry field values.
        var options = CsvReaderOptions.Default with
        {
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            AllowLineBreaksInQuotes = true,
            IncludeValuesInExceptions = false,
        };
        using var csv = CsvReader.Create(Open(), options, leaveOpen: false);
        var header = csv.Headers;
        long number = 0;
        while (csv.Read())
        {
            number++;
            if (csv.FieldCount != header.Count)
            {
                yield return new RawRow(number, new Dictionary<string, string?>(), $"The row has {csv.FieldCount} fields; the header has {header.Count}.");
                continue;
            }

            // BigQuery writes NULL as an empty field; an empty string cannot be told apart from it, and is read as NULL.
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                values[header[i]] = csv.IsNull(i) ? null : csv.GetString(i);
            }

            yield return new RawRow(number, values);
        }
    }

    private IEnumerable<RawRow> ReadJsonLines()
    {
        using var reader = new StreamReader(Open());
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            number++;
            yield return ParseJsonLine(number, line);
        }
    }

    /// <summary>
    /// BigQuery's JSON export writes INT64 as strings, timestamps as text, and JSON-typed columns as nested values:
    /// every value is kept as its text (nested values as their JSON), so both formats convert the same way.
    /// </summary>
    private static RawRow ParseJsonLine(long number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RawRow(number, new Dictionary<string, string?>(), "The line is not a JSON object.");
            }

            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
            }

            return new RawRow(number, values);
        }
        catch (JsonException)
        {
            return new RawRow(number, new Dictionary<string, string?>(), "The line is not valid JSON.");
        }
    }
}
