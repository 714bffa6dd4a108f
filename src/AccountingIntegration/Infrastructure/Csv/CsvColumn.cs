using System.Globalization;

namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>One column of an export: its header and how a row becomes its cell text.</summary>
internal sealed record CsvColumn<T>(string Header, Func<T, string?> Value);

/// <summary>Cell text that reads the same everywhere: invariant numbers, UTC ISO-8601 times.</summary>
internal static class CsvCells
{
    public static string? Time(DateTime? value) => value is { } v
        ? (v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime())
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : null;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Flag(bool value) => value ? "true" : "false";
}
