using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Turns a mapped value into the JSON type of its QBO field, so that a Shopify price "199.00" lands in
/// <c>UnitPrice</c> as the number 199.00 without an explicit <c>toNumber</c>. Money is written as decimal.
/// </summary>
internal static class QboValueConverter
{
    public static bool TryConvert(in MappingValue value, QboFieldInfo field, out JsonNode? node, out string? problem)
    {
        node = null;
        problem = null;
        switch (field.Type)
        {
            case QboFieldType.Decimal when DecimalText.TryGetNumber(value, out var number):
                node = JsonValue.Create(number);
                return true;
            case QboFieldType.Integer when DecimalText.TryGetNumber(value, out var whole) && whole == decimal.Truncate(whole)
                && whole is >= long.MinValue and <= long.MaxValue:
                node = JsonValue.Create((long)whole);
                return true;
            case QboFieldType.Boolean when value.Kind == ValueKind.Boolean:
                node = JsonValue.Create(value.Boolean);
                return true;
            case QboFieldType.Boolean when value.Kind == ValueKind.String && bool.TryParse(value.String, out var flag):
                node = JsonValue.Create(flag);
                return true;
            case QboFieldType.String or QboFieldType.Date when value.Kind is ValueKind.String or ValueKind.Number or ValueKind.Boolean:
                node = JsonValue.Create(value.ToText());
                return true;
        }

        problem = field.Type switch
        {
            QboFieldType.Decimal => $"{value.Describe()} is not a number",
            QboFieldType.Integer => $"{value.Describe()} is not a whole number",
            QboFieldType.Boolean => $"{value.Describe()} is not true or false",
            QboFieldType.Date => $"{value.Describe()} is not a date text (use formatDate)",
            _ => $"{value.Describe()} cannot be written to a text field",
        };
        return false;
    }

    /// <summary>Reads back a number this converter wrote (or a static number), for amount arithmetic.</summary>
    public static bool TryReadDecimal(JsonNode? node, out decimal number)
    {
        number = 0m;
        return node is JsonValue value
            && (value.TryGetValue(out number)
                || (value.TryGetValue<string>(out var text) && DecimalText.TryParse(text, out number)));
    }

    public static string? ReadString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
