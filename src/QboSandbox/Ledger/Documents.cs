using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QboSandbox.Ledger;

/// <summary>Reads the fields postings need from stored rows (already validated when they were written).</summary>
internal static class Documents
{
    public static string Id(JsonObject row) => row["Id"]!.GetValue<string>();

    public static decimal Amount(JsonObject row, string name) =>
        row[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<decimal>() : 0m;

    /// <summary>Home units per document unit: 1 unless the company is multicurrency (CurrencyRules.Stamp sets it then).</summary>
    public static decimal Rate(JsonObject row) => row["ExchangeRate"] is JsonValue ? Amount(row, "ExchangeRate") : 1m;

    /// <summary>A text field of the row, null when absent or empty.</summary>
    public static string? Text(JsonObject? row, string name) =>
        row?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    public static string? RefValue(JsonObject? row, string name) =>
        row?[name] is JsonObject reference && reference["value"] is JsonValue value ? value.GetValue<string>() : null;

    /// <summary>TxnDate (always stored as yyyy-MM-dd), else the creation date.</summary>
    public static DateOnly Date(JsonObject row)
    {
        var text = row["TxnDate"]?.GetValue<string>() ?? row["MetaData"]?["CreateTime"]?.GetValue<string>()?[..10];
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : DateOnly.MinValue;
    }

    public static IEnumerable<JsonObject> Lines(JsonObject row) => (row["Line"] as JsonArray ?? []).OfType<JsonObject>();
}
