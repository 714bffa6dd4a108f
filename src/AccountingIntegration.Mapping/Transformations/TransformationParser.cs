using System.Text;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Splits <c>step|step:arg:arg</c> into steps and arguments. A backslash escapes <c>:</c>, <c>|</c> and itself;
/// other backslash pairs are passed through untouched for steps with their own separators.
/// </summary>
internal static class TransformationParser
{
    public static IReadOnlyList<ParsedStep> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TransformationSyntaxException("the transformation is empty");
        }

        var steps = new List<ParsedStep>();
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                if (next is not (':' or '|' or '\\'))
                {
                    current.Append('\\');
                }

                current.Append(next);
            }
            else if (c == ':')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else if (c == '|')
            {
                parts.Add(current.ToString());
                current.Clear();
                steps.Add(ToStep(steps.Count + 1, parts));
                parts.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        parts.Add(current.ToString());
        steps.Add(ToStep(steps.Count + 1, parts));
        return steps;
    }

    private static ParsedStep ToStep(int position, List<string> parts)
    {
        var name = parts[0].Trim();
        if (name.Length == 0)
        {
            throw new TransformationSyntaxException($"step {position} has no name (empty step between '|')");
        }

        return new ParsedStep(position, name, parts.Count == 1 ? [] : parts[1..]);
    }
}
