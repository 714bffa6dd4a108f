using System.Collections.Frozen;
using System.Text;

namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>map:a=x,b=y,*=z</c>: looks the value's text up (exact, case-sensitive). <c>*</c> is the fallback for any
/// other value; without it an unlisted value passes through unchanged. Null and missing pass through too (use
/// <c>default</c>). <c>\,</c> and <c>\=</c> put a literal comma or equals sign in a key or value.
/// </summary>
internal sealed class MapStep(FrozenDictionary<string, string> table, string? fallback) : ValueStep("map")
{
    private const string FallbackKey = "*";

    public static MapStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, int.MaxValue);
        var text = step.JoinedArguments;
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        string? fallback = null;
        foreach (var entry in SplitUnescaped(text, ','))
        {
            var pair = SplitUnescaped(entry, '=');
            if (pair.Count != 2)
            {
                throw StepArguments.Bad(step, text, $"has an entry \"{entry}\" that is not key=value");
            }

            var key = Unescape(pair[0]);
            var value = Unescape(pair[1]);
            if (key == FallbackKey && pair[0] == FallbackKey)
            {
                fallback = fallback is null ? value : throw StepArguments.Bad(step, text, "has two '*' entries");
                continue;
            }
            if (!table.TryAdd(key, value))
            {
                throw StepArguments.Bad(step, text, $"lists the key \"{key}\" twice");
            }
        }
        return new MapStep(table.ToFrozenDictionary(StringComparer.Ordinal), fallback);
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        var key = TextOf(input);
        if (table.TryGetValue(key, out var mapped))
        {
            return MappingValue.FromString(mapped);
        }

        return fallback is null ? input : MappingValue.FromString(fallback);
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            builder.Append(text[i]);
        }
        return builder.ToString();
    }
}
