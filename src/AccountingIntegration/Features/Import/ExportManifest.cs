using System.Text.Json;
using System.Text.Json.Serialization;
using AccountingIntegration.Infrastructure.Commands;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// <c>manifest.json</c> beside the exported files, written by the operator when exporting (BigQuery writes none):
/// for each of the old system's tables, its file, its number of data rows and the SHA-256 of the file as stored.
/// The import refuses to start unless every table is listed and every file matches (docs/import.md).
/// </summary>
internal sealed class ExportManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [JsonPropertyName("tables")]
    public Dictionary<string, ExportedTable> Tables { get; init; } = new(StringComparer.Ordinal);

    public static ExportManifest Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new CommandException($"{path} was not found; write the export's manifest first (docs/import.md).");
        }

        try
        {
            return JsonSerializer.Deserialize<ExportManifest>(File.ReadAllText(path), Json)
                   ?? throw new CommandException($"{FileName} is empty.");
        }
        catch (JsonException e)
        {
            throw new CommandException($"{FileName} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>One table's entry in the manifest.</summary>
internal sealed class ExportedTable
{
    /// <summary>The file's name, relative to the manifest; <c>.csv</c> or <c>.jsonl</c>/<c>.json</c>, optionally <c>.gz</c>.</summary>
    [JsonPropertyName("file")]
    public string File { get; init; } = "";

    /// <summary>Data rows in the file (a CSV's header line not counted).</summary>
    [JsonPropertyName("rows")]
    public long? Rows { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes as stored (compressed, when it is).</summary>
    [JsonPropertyName("sha256")]
    public string Sha256 { get; init; } = "";
}
