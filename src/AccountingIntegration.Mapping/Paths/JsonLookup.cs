using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Reads one value from a payload with the same path syntax as field mappings (dots, <c>[n]</c>,
/// quoted keys), for callers outside the engine such as the webhook dedupe key.
/// </summary>
public static class JsonLookup
{
    /// <summary>True when <paramref name="path"/> names one value (no wildcard) in the field mappings' path syntax.</summary>
    public static bool IsSingleValuePath(string path)
    {
        try
        {
            return !SourcePathParser.Parse(path).HasWildcard;
        }
        catch (PathSyntaxException)
        {
            return false;
        }
    }

    /// <summary>The value at <paramref name="path"/> as text (numbers in their exact JSON form); false when missing, null, empty or not a path.</summary>
    public static bool TryGetText(JsonElement root, string path, out string text)
    {
        text = string.Empty;
        SourcePath parsed;
        try
        {
            parsed = SourcePathParser.Parse(path);
        }
        catch (PathSyntaxException)
        {
            return false;
        }

        if (parsed.HasWildcard)
        {
            return false;
        }

        var value = parsed.Read(root, root);
        if (value.IsEmpty || value.ToText() is not { } found)
        {
            return false;
        }

        text = found;
        return true;
    }
}
