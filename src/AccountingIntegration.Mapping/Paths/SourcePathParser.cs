using System.Globalization;
using System.Text;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Parses payload paths: <c>a.b</c>, <c>items[0]</c>, <c>items[-1]</c>, <c>groups[*].items</c>,
/// <c>["key.with.dots"]</c> (single quotes too, <c>\"</c> and <c>\\</c> escaped) and a leading <c>$</c> for
/// the payload root. Parsed paths are cached (<see cref="ParseCache{T}"/>).
/// </summary>
internal static class SourcePathParser
{
    private static readonly ParseCache<SourcePath> Cache = new(ParseUncached);

    public static SourcePath Parse(string text) => Cache.Get(text);

    private static SourcePath ParseUncached(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PathSyntaxException("a path must not be empty");
        }

        var segments = new List<PathSegment>();
        var position = 0;
        var fromRoot = text[0] == '$';
        if (fromRoot)
        {
            position = 1;
            if (position < text.Length && text[position] == '.')
            {
                position++;
            }

            if (position == text.Length && text.Length > 1)
            {
                throw new PathSyntaxException($"'{text}' ends with a dot");
            }
        }

        var expectName = position < text.Length && text[position] != '[';
        while (position < text.Length)
        {
            if (expectName)
            {
                segments.Add(PathSegment.Property(ReadName(text, ref position)));
            }
            else if (text[position] == '[')
            {
                segments.Add(ReadBracket(text, ref position));
            }
            else
            {
                throw new PathSyntaxException($"'{text}': unexpected '{text[position]}' at position {position}");
            }

            expectName = false;
            if (position < text.Length && text[position] == '.')
            {
                position++;
                if (position == text.Length)
                {
                    throw new PathSyntaxException($"'{text}' ends with a dot");
                }

                if (text[position] == '[')
                {
                    throw new PathSyntaxException($"'{text}': '.[' at position {position - 1}");
                }

                expectName = true;
            }
        }
        return new SourcePath(text, fromRoot, [.. segments]);
    }

    private static string ReadName(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && text[position] is not ('.' or '[' or ']'))
        {
            position++;
        }

        if (position == start)
        {
            throw new PathSyntaxException($"'{text}': empty property name at position {start}");
        }

        if (position < text.Length && text[position] == ']')
        {
            throw new PathSyntaxException($"'{text}': unexpected ']' at position {position}");
        }

        return text[start..position];
    }

    private static PathSegment ReadBracket(string text, ref int position)
    {
        var open = position++;
        if (position < text.Length && text[position] is '"' or '\'')
        {
            var name = ReadQuoted(text, ref position);
            Expect(text, ref position, ']', open);
            return PathSegment.Property(name);
        }

        var close = text.IndexOf(']', position);
        if (close < 0)
        {
            throw new PathSyntaxException($"'{text}': '[' at position {open} is not closed");
        }

        var inner = text.AsSpan(position, close - position);
        position = close + 1;
        if (inner is "*")
        {
            return PathSegment.Wildcard;
        }

        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return PathSegment.At(index);
        }

        throw new PathSyntaxException($"'{text}': '[{inner}]' is not an index, [*] or a quoted key");
    }

    private static string ReadQuoted(string text, ref int position)
    {
        var quote = text[position++];
        var builder = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c == '\\' && position < text.Length)
            {
                c = text[position++];
            }

            builder.Append(c);
        }
        throw new PathSyntaxException($"'{text}': quoted key is not closed");
    }

    private static void Expect(string text, ref int position, char expected, int open)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw new PathSyntaxException($"'{text}': '[' at position {open} must close with '{expected}' after the key");
        }

        position++;
    }
}
