using System.Globalization;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// Writes a resolved id where the draft holds the lookup value. A resolver request's field already carries
/// its line index (<c>Line[2].SalesItemLineDetail.ItemRef.value</c>, as the draft builder labels it).
/// </summary>
internal static class InvoiceReferencePath
{
    public static void Write(JsonObject invoice, string field, string id)
    {
        var segments = field.Split('.');
        var current = invoice;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var (name, index) = Parse(segments[i], field);
            var next = current[name];
            if (index is { } position)
            {
                next = next is JsonArray array && position < array.Count ? array[position] : null;
            }

            // The draft wrote the lookup value at this path; a missing step means the draft and its requests disagree.
            current = next as JsonObject
                ?? throw new InvalidOperationException($"The invoice draft has no '{field}' to hold the resolved id.");
        }

        var (last, lastIndex) = Parse(segments[^1], field);
        if (lastIndex is not null || !current.ContainsKey(last))
        {
            throw new InvalidOperationException($"The invoice draft has no '{field}' to hold the resolved id.");
        }

        current[last] = id;
    }

    private static (string Name, int? Index) Parse(string segment, string field)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (segment, null);
        }

        if (segment[^1] != ']' || !int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new InvalidOperationException($"'{field}' is not a resolvable invoice field.");
        }

        return (segment[..open], index);
    }
}
