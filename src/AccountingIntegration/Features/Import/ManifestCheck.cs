using System.Security.Cryptography;
using AccountingIntegration.Infrastructure.Commands;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// Checks the manifest against the files before any row is read: every one of the old system's tables listed, each
/// file present inside the export folder and with the SHA-256 the manifest states. Row counts are checked while the
/// rows are read (<see cref="ImportValidation"/>), still before anything is written.
/// </summary>
internal static class ManifestCheck
{
    public static IReadOnlyList<ExportFile> Verify(string directory, ExportManifest manifest)
    {
        var problems = new List<string>();
        var files = new List<ExportFile>();
        var root = Path.GetFullPath(directory);
        foreach (var table in LegacyTables.All)
        {
            if (!manifest.Tables.TryGetValue(table.Name, out var entry))
            {
                problems.Add($"{table.Name}: not listed in the manifest (list it with rows: 0 when the table was empty).");
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(root, entry.File));
            if (entry.File.Length == 0 || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"{table.Name}: the file must be named relative to the manifest, inside its folder.");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"{table.Name}: {entry.File} was not found.");
            }
            else if (ExportFile.FormatOf(path) is null)
            {
                problems.Add($"{table.Name}: {entry.File} is neither .csv nor .jsonl (optionally .gz).");
            }
            else if (entry.Rows is not >= 0)
            {
                problems.Add($"{table.Name}: rows must be the file's number of data rows.");
            }
            else if (!string.Equals(Sha256Of(path), entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{table.Name}: {entry.File} does not have the SHA-256 the manifest states (changed or truncated since the export).");
            }
            else
            {
                files.Add(new ExportFile(table, path, entry.Rows.Value, entry.Sha256.ToLowerInvariant()));
            }
        }

        foreach (var unknown in manifest.Tables.Keys.Where(k => LegacyTables.All.All(t => t.Name != k)))
        {
            problems.Add($"{unknown}: not one of the old system's tables.");
        }

        return problems.Count == 0 ? files : throw new CommandException("the export does not match its manifest:\n  " + string.Join("\n  ", problems));
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
