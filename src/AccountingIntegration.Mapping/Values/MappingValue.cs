using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// A value read from a payload or produced by a step. Numbers are <see cref="decimal"/>, read from the JSON
/// text itself, so cents and 18-digit ids stay exact; objects and arrays stay as their <see cref="JsonElement"/>.
/// </summary>
internal readonly struct MappingValue
{
    private readonly string? _text;
    private readonly decimal _number;
    private readonly JsonElement _json;

    private MappingValue(ValueKind kind, string? text = null, decimal number = 0m, JsonElement json = default)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _json = json;
    }

    public static MappingValue Missing => default;

    public static MappingValue Null => new(ValueKind.Null);

    public ValueKind Kind { get; }

    /// <summary>Null, missing or the empty string: what <c>default</c>, <c>coalesce</c> and <c>required</c> treat as "no value".</summary>
    public bool IsEmpty => Kind is ValueKind.Missing or ValueKind.Null || (Kind == ValueKind.String && _text!.Length == 0);

    public bool IsNullOrMissing => Kind is ValueKind.Missing or ValueKind.Null;

    public string String => Kind == ValueKind.String ? _text! : throw new InvalidOperationException($"Value is {Kind}, not String.");

    public decimal Number => Kind == ValueKind.Number ? _number : throw new InvalidOperationException($"Value is {Kind}, not Number.");

    public bool Boolean => Kind == ValueKind.Boolean ? _number != 0m : throw new InvalidOperationException($"Value is {Kind}, not Boolean.");

    public JsonElement Json => Kind == ValueKind.Json ? _json : throw new InvalidOperationException($"Value is {Kind}, not Json.");

    public static MappingValue FromString(string text) => new(ValueKind.String, text);

    public static MappingValue FromNumber(decimal number) => new(ValueKind.Number, number: number);

    public static MappingValue FromBoolean(bool value) => new(ValueKind.Boolean, number: value ? 1m : 0m);

    public static MappingValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => FromString(element.GetString()!),
        JsonValueKind.Number => element.TryGetDecimal(out var number)
            ? FromNumber(number)
            // Beyond decimal's range: keep the digits as text rather than lose them to a double.
            : FromString(element.GetRawText()),
        JsonValueKind.True => FromBoolean(true),
        JsonValueKind.False => FromBoolean(false),
        JsonValueKind.Null => Null,
        JsonValueKind.Undefined => Missing,
        _ => new(ValueKind.Json, json: element),
    };

    /// <summary>The text form used by text steps: numbers in invariant culture, booleans as true/false, JSON as raw text.</summary>
    public string? ToText() => Kind switch
    {
        ValueKind.String => _text,
        ValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Boolean => Boolean ? "true" : "false",
        ValueKind.Json => _json.GetRawText(),
        _ => null,
    };

    /// <summary>A short, quoted rendering for error messages.</summary>
    public string Describe()
    {
        const int MaxLength = 60;
        return Kind switch
        {
            ValueKind.Missing => "(missing)",
            ValueKind.Null => "null",
            ValueKind.String => Quote(_text!.Length > MaxLength ? string.Concat(_text.AsSpan(0, MaxLength), "…") : _text),
            ValueKind.Json => _json.ValueKind == JsonValueKind.Array ? "(array)" : "(object)",
            _ => ToText()!,
        };
    }

    private static string Quote(string text) => "\"" + text + "\"";
}
