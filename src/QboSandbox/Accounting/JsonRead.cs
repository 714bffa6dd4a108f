using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QboSandbox.Http;

namespace QboSandbox.Accounting;

/// <summary>Lenient readers for client bodies: wrong JSON kinds become QBO's 2010 fault, not exceptions.</summary>
internal static class JsonRead
{
    public static string? Str(JsonObject obj, string name)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
        {
            return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        }

        throw Invalid(name);
    }

    public static decimal? Dec(JsonObject obj, string name)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var number))
            {
                return number;
            }

            if (value.GetValueKind() == JsonValueKind.String
                && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        throw Invalid(name);
    }

    public static bool? Bool(JsonObject obj, string name) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        _ => throw Invalid(name),
    };

    public static JsonObject? Obj(JsonObject obj, string name) => obj[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Invalid(name),
    };

    /// <summary>The id in a reference object such as <c>"CustomerRef":{"value":"1"}</c>.</summary>
    public static string? RefValue(JsonObject obj, string name)
    {
        var reference = Obj(obj, name);
        return reference is null ? null : Str(reference, "value");
    }

    public static JsonObject Ref(string value, string? name = null)
    {
        var reference = new JsonObject { ["value"] = value };
        if (name is not null)
        {
            reference["name"] = name;
        }

        return reference;
    }

    private static QboException Invalid(string name) =>
        QboException.InvalidProperty($"Property Name:{name} specified is unsupported or invalid");
}
