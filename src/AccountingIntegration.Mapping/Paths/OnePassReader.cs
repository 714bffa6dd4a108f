using System.Text;
using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Reads a UTF-8 payload once with a <see cref="Utf8JsonReader"/> and keeps only the values a <see cref="ReadPlan"/>
/// names, each exactly as <see cref="SourcePath.Read"/> would have read it from the parsed document: the last of repeated
/// properties wins, escaped names match their unescaped form, numbers are decimals read from their text (the text itself
/// beyond decimal's range), objects and arrays read whole become elements of their own. The reader validates the whole
/// payload with <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>'s defaults, so invalid JSON
/// throws the same <see cref="JsonException"/>.
/// </summary>
internal static class OnePassReader
{
    /// <summary>
    /// Fills <paramref name="values"/>; false when the payload needs the document's answer instead (its root is not an
    /// object, or its line source is neither an array nor null, which the document path reports as an error).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, ReadPlan plan, CollectedValues values)
    {
        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject || !ReadObject(ref reader, plan.Root, values.Root, plan, values))
        {
            return false;
        }

        // Anything after the root value other than white space throws here, as it does when parsing the document.
        reader.Read();
        return true;
    }

    private static bool ReadObject(ref Utf8JsonReader reader, ReadNode node, CollectedSlot[] slots, ReadPlan plan, CollectedValues? lines)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var child = Match(ref reader, node.Matches);
            reader.Read();
            if (child is null)
            {
                reader.Skip();
                continue;
            }

            foreach (var below in child.Below)
            {
                slots[below] = default;
            }

            if (child.IsLines)
            {
                if (!ReadLines(ref reader, plan, lines!))
                {
                    return false;
                }
            }
            else if (child.Slot >= 0)
            {
                slots[child.Slot] = ReadValue(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (!ReadObject(ref reader, child, slots, plan, lines))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return true;
    }

    private static bool ReadLines(ref Utf8JsonReader reader, ReadPlan plan, CollectedValues lines)
    {
        lines.ClearLines();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // Every element is a line, as in the document; one that is not an object reads as missing values.
            var slots = lines.AddLine();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            else if (!ReadObject(ref reader, plan.Line, slots, plan, lines: null))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadNode? Match(ref Utf8JsonReader reader, ReadNode[] candidates)
    {
        if (candidates.Length == 0)
        {
            return null;
        }

        if (reader.ValueIsEscaped)
        {
            foreach (var candidate in candidates)
            {
                if (reader.ValueTextEquals(candidate.Utf8))
                {
                    return candidate;
                }
            }

            return null;
        }

        var name = reader.ValueSpan;
        foreach (var candidate in candidates)
        {
            if (candidate.Utf8.Length == name.Length && name.SequenceEqual(candidate.Utf8))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The current value as <see cref="MappingValue.FromJson"/> makes it from an element; objects and arrays are consumed whole.</summary>
    private static CollectedSlot ReadValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        // The token's text with its quotes (the value span holds escapes as written), decoded only if a rule reads it.
        ? CollectedSlot.Text((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, reader.ValueIsEscaped)
        : CollectedSlot.Of(ReadOther(ref reader));

    private static MappingValue ReadOther(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetDecimal(out var number)
            ? MappingValue.FromNumber(number)
            : MappingValue.FromString(Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => MappingValue.FromBoolean(true),
        JsonTokenType.False => MappingValue.FromBoolean(false),
        JsonTokenType.Null => MappingValue.Null,
        _ => MappingValue.FromJson(JsonElement.ParseValue(ref reader)),
    };
}
