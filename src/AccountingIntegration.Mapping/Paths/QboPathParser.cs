using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Parses and checks QBO invoice paths against <see cref="QboInvoiceSchema"/>. <c>Line</c> itself is not a
/// path (it names the payload array of lines) and is handled by the callers.
/// </summary>
internal static class QboPathParser
{
    private static readonly ParseCache<QboPath> Cache = new(ParseUncached);

    public static QboPath Parse(string text) => Cache.Get(text);

    private static QboPath ParseUncached(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PathSyntaxException("a QBO field must not be empty");
        }

        var parts = text.Split('.');
        var isLine = parts[0] == QboInvoiceSchema.LinePrefix;
        // Lines are filled per payload element; a fixed index would bypass that and collide with it.
        if (!isLine && parts[0].StartsWith(QboInvoiceSchema.LineField + "[", StringComparison.Ordinal))
        {
            throw new PathSyntaxException($"'{text}': line fields are written as Line[].…, without an index");
        }

        var segments = new List<QboPathSegment>();
        var pattern = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == 0 && isLine)
            {
                pattern.Add(QboInvoiceSchema.LinePrefix);
                continue;
            }
            var segment = ParseSegment(text, parts[i]);
            segments.Add(segment);
            pattern.Add(segment.Index is null ? segment.Name : segment.Name + "[]");
        }

        var normalized = string.Join('.', pattern);
        if (!QboInvoiceSchema.TryGet(normalized, out var info))
        {
            throw new PathSyntaxException($"'{text}' is not a known QBO invoice field");
        }

        return new QboPath(text, normalized, isLine, [.. segments], info);
    }

    private static QboPathSegment ParseSegment(string text, string part)
    {
        var open = part.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return part.Length > 0 && part.All(char.IsAsciiLetterOrDigit)
                ? new QboPathSegment(part, null)
                : throw new PathSyntaxException($"'{text}': '{part}' is not a QBO property name");
        }

        var name = part[..open];
        if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit) || !part.EndsWith(']'))
        {
            throw new PathSyntaxException($"'{text}': '{part}' is not a QBO property name");
        }

        var inner = part.AsSpan(open + 1, part.Length - open - 2);
        if (inner.IsEmpty)
        {
            throw new PathSyntaxException($"'{text}': only Line takes '[]'; '{part}' needs an index such as [0]");
        }

        if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new PathSyntaxException($"'{text}': '[{inner}]' is not an index");
        }

        return new QboPathSegment(name, index);
    }
}
