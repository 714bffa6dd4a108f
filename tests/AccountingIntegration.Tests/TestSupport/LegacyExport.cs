using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Import;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// An export of the old system as an operator would hand it to <c>import</c>: one file per table (CSV with a header, or
/// JSON lines, as BigQuery writes them) and the manifest with each file's row count and SHA-256. Tables not given
/// rows are exported empty. Disposing deletes the folder.
/// </summary>
internal sealed class LegacyExport : IDisposable
{
    private readonly Dictionary<string, List<Dictionary<string, string?>>> _tables = new(StringComparer.Ordinal);

    public LegacyExport(ExportFormat format)
    {
        Format = format;
        Folder = Directory.CreateTempSubdirectory("ai-import-").FullName;
    }

    public ExportFormat Format { get; }

    public string Folder { get; }

    public string ReportPath => Path.Combine(Folder, "rejections.csv");

    /// <summary>Adds a row to <paramref name="table"/>: its cells as (column, value); a null value is an empty cell.</summary>
    public LegacyExport Add(string table, params (string Column, string? Value)[] cells)
    {
        var row = cells.ToDictionary(c => c.Column, c => c.Value);
        if (!_tables.TryGetValue(table, out var rows))
        {
            _tables[table] = rows = [];
        }

        rows.Add(row);
        return this;
    }

    public string FileOf(string table) => Path.Combine(Folder, table + (Format == ExportFormat.Csv ? ".csv" : ".jsonl"));

    public void Write()
    {
        var manifest = new Dictionary<string, object>();
        foreach (var table in LegacyTables.All)
        {
            var rows = _tables.GetValueOrDefault(table.Name) ?? [];
            var path = FileOf(table.Name);
            File.WriteAllText(path, Format == ExportFormat.Csv ? Csv(rows) : JsonLines(rows));
            manifest[table.Name] = new { file = Path.GetFileName(path), rows = rows.Count, sha256 = Sha256(path) };
        }

        File.WriteAllText(Path.Combine(Folder, "manifest.json"), JsonSerializer.Serialize(new { exportedAt = "2026-11-30T00:00:00Z", tables = manifest }));
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Csv(List<Dictionary<string, string?>> rows)
    {
        if (rows.Count == 0)
        {
            return "";
        }

        var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
        var text = new StringBuilder().AppendLine(string.Join(',', columns));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(',', columns.Select(c => Quote(row.GetValueOrDefault(c)))));
        }

        return text.ToString();
    }

    private static string Quote(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string JsonLines(List<Dictionary<string, string?>> rows) =>
        string.Concat(rows.Select(r => JsonSerializer.Serialize(r) + "\n"));
}
