using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Books;

/// <summary>
/// Reading vendor bodies without surprises: a missing property and a JSON null are both "absent", numbers
/// may come as JSON numbers or as text, and ids are read as text so 18-digit ids stay exact.
/// </summary>
internal static class JsonRead
{
    /// <summary>The element at a dotted path of property names, or null when any step is absent or null.</summary>
    public static JsonElement? At(this JsonElement element, string path)
    {
        var current = element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next) || next.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Text at the path: a string as is, a number or boolean as its JSON text; null when absent or empty.</summary>
    public static string? Text(this JsonElement element, string path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? text : null,
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } other => other.GetRawText(),
        _ => null,
    };

    /// <summary>A decimal at the path, from a JSON number or numeric text ("199.00", "-9.00"); null when absent.</summary>
    public static decimal? Decimal(this JsonElement element, string path)
    {
        var text = element.Text(path);
        return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>An integer at the path (minor units), from a JSON number or text; null when absent.</summary>
    public static long? Long(this JsonElement element, string path)
    {
        var text = element.Text(path);
        return text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static bool? Bool(this JsonElement element, string path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>The array at the path, or empty.</summary>
    public static IEnumerable<JsonElement> Array(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>
    /// A date from ISO 8601 text (its own offset kept, so an order placed on the 1st in Toronto is dated the
    /// 1st) or from Unix seconds; null when absent or unreadable.
    /// </summary>
    public static DateOnly? Date(this JsonElement element, string path)
    {
        var value = element.At(path);
        if (value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var seconds))
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime);
        }

        var text = element.Text(path);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return DateOnly.FromDateTime(instant.DateTime);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime)
            : null;
    }

    /// <summary>A header by name, case-insensitively; null when absent or empty.</summary>
    /// <remarks>
    /// Asked by name first: the request's own headers answer case-insensitively without walking them all. Only a
    /// dictionary that compares names exactly, and holds the header under other casing, is walked.
    /// </remarks>
    public static string? Header(this IReadOnlyDictionary<string, string> headers, string name)
    {
        if (!headers.TryGetValue(name, out var value))
        {
            value = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return value is { Length: > 0 } ? value : null;
    }
}
