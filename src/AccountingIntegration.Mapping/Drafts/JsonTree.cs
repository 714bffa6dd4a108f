using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>Reads values along QBO paths in a finished <see cref="JsonObject"/> (the draft writes through <see cref="DraftTree"/>).</summary>
internal static class JsonTree
{
    /// <summary>Reads a dotted path of plain property names (<c>CustomerRef.value</c>); null when any part is absent.</summary>
    public static JsonNode? Read(JsonObject source, string dottedPath) => Read(source, dottedPath.Split('.'));

    /// <summary>Reads a path already split into property names, for callers that read the same path for every draft.</summary>
    public static JsonNode? Read(JsonObject source, string[] names)
    {
        JsonNode? current = source;
        foreach (var name in names)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out current))
            {
                return null;
            }
        }
        return current;
    }
}
