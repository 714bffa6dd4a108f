using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// A parsed payload path. Relative paths start at the current element (the line's element inside a line,
/// the payload root elsewhere); paths that start with <c>$</c> always start at the payload root.
/// </summary>
internal sealed class SourcePath
{
    public SourcePath(string text, bool fromRoot, PathSegment[] segments)
    {
        Text = text;
        FromRoot = fromRoot;
        Segments = segments;
        HasWildcard = Array.Exists(segments, segment => segment.Kind == PathSegmentKind.Wildcard);
    }

    public string Text { get; }

    public bool FromRoot { get; }

    public PathSegment[] Segments { get; }

    public bool HasWildcard { get; }

    /// <summary>Reads a single value; a <c>[*]</c> path must use <see cref="TrySelectAll"/> instead.</summary>
    public MappingValue Read(JsonElement root, JsonElement current)
    {
        var element = FromRoot ? root : current;
        foreach (var segment in Segments)
        {
            if (!TryStep(element, segment, out element))
            {
                return MappingValue.Missing;
            }
        }
        return MappingValue.FromJson(element);
    }

    /// <summary>
    /// Reads a single value from its first segment's value, already looked up by a <see cref="PropertyIndex"/>
    /// (<c>default</c> when absent); the same result as <see cref="Read"/>.
    /// </summary>
    public MappingValue ReadAfterFirst(JsonElement first)
    {
        if (first.ValueKind == JsonValueKind.Undefined)
        {
            return MappingValue.Missing;
        }

        var element = first;
        for (var i = 1; i < Segments.Length; i++)
        {
            if (!TryStep(element, Segments[i], out element))
            {
                return MappingValue.Missing;
            }
        }
        return MappingValue.FromJson(element);
    }

    /// <summary>
    /// Every element the path reaches, expanding <c>[*]</c> (so <c>orders[*].items</c> flattens nested arrays).
    /// When the last segment reaches an array, its elements are returned; a missing or null end yields nothing.
    /// </summary>
    public bool TrySelectAll(JsonElement root, JsonElement current, List<JsonElement> results, out string? problem)
    {
        problem = null;
        var start = FromRoot ? root : current;
        if (!HasWildcard)
        {
            return TryCollect(Read(start, start), results, ref problem);
        }

        var frontier = new List<JsonElement> { start };
        foreach (var segment in Segments)
        {
            var next = new List<JsonElement>();
            foreach (var element in frontier)
            {
                if (segment.Kind == PathSegmentKind.Wildcard)
                {
                    if (element.ValueKind == JsonValueKind.Array)
                    {
                        next.AddRange(element.EnumerateArray());
                    }
                }
                else if (TryStep(element, segment, out var child))
                {
                    next.Add(child);
                }
            }
            frontier = next;
        }

        foreach (var element in frontier)
        {
            TryCollect(MappingValue.FromJson(element), results, ref problem);
        }

        return problem is null;
    }

    private bool TryCollect(MappingValue value, List<JsonElement> results, ref string? problem)
    {
        if (value.IsNullOrMissing)
        {
            return problem is null;
        }

        if (value.Kind == ValueKind.Json && value.Json.ValueKind == JsonValueKind.Array)
        {
            // foreach on the struct enumerator: AddRange would box it.
            foreach (var element in value.Json.EnumerateArray())
            {
                results.Add(element);
            }

            return problem is null;
        }
        var kind = value.Kind == ValueKind.Json ? "object" : value.Kind.ToString().ToLowerInvariant();
        problem = $"'{Text}' reached a {kind}, not an array";
        return false;
    }

    private static bool TryStep(JsonElement element, PathSegment segment, out JsonElement child)
    {
        switch (segment.Kind)
        {
            case PathSegmentKind.Property when element.ValueKind == JsonValueKind.Object:
                return element.TryGetProperty(segment.Name, out child);
            case PathSegmentKind.Index when element.ValueKind == JsonValueKind.Array:
                var length = element.GetArrayLength();
                var index = segment.Index < 0 ? length + segment.Index : segment.Index;
                if (index >= 0 && index < length)
                {
                    child = element[index];
                    return true;
                }
                break;
        }
        child = default;
        return false;
    }
}
