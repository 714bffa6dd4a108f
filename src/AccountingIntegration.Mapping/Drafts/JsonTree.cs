using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>Writes and reads values along QBO paths in a <see cref="JsonObject"/>, creating objects and array slots as needed.</summary>
internal static class JsonTree
{
    public static void Write(JsonObject target, QboPathSegment[] segments, JsonNode? value)
    {
        var current = target;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment.Index is not { } index)
            {
                if (last)
                {
                    current[segment.Name] = value;
                    return;
                }
                // One lookup; a new parent is added rather than set, which skips a second search.
                var found = current.TryGetPropertyValue(segment.Name, out var existing);
                if (existing is not JsonObject child)
                {
                    child = new JsonObject();
                    if (found)
                    {
                        current[segment.Name] = child;
                    }
                    else
                    {
                        current.Add(segment.Name, child);
                    }
                }
                current = child;
                continue;
            }

            if (current[segment.Name] is not JsonArray array)
            {
                array = [];
                current[segment.Name] = array;
            }
            while (array.Count <= index)
            {
                array.Add(last ? null : new JsonObject());
            }

            if (last)
            {
                array[index] = value;
                return;
            }
            if (array[index] is not JsonObject element)
            {
                element = new JsonObject();
                array[index] = element;
            }
            current = element;
        }
    }

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
