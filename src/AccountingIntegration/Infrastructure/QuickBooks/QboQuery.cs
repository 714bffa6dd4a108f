namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>Builds QBO query statements safely (REFERENCE §2.5).</summary>
internal static class QboQuery
{
    public const int MaxPageSize = 1000;

    /// <summary>
    /// A string literal: single quotes, apostrophes escaped with a backslash (<c>'O\'Brien'</c>).
    /// A backslash is escaped too, so a trailing one cannot swallow the closing quote, and the
    /// typographic apostrophe, which QBO's lexer rejects, becomes a plain one.
    /// </summary>
    public static string Literal(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\u2019", "'", StringComparison.Ordinal)
            .Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>Entity names are an allow-listed identifier, never user text.</summary>
    public static string Select(string entity, string? where, int startPosition, int maxResults, string? orderBy = null)
    {
        var statement = $"SELECT * FROM {Identifier(entity)}";
        if (!string.IsNullOrEmpty(where))
        {
            statement += " WHERE " + where;
        }

        if (!string.IsNullOrEmpty(orderBy))
        {
            statement += " ORDERBY " + orderBy;
        }

        return statement + $" STARTPOSITION {Math.Max(1, startPosition)} MAXRESULTS {Math.Clamp(maxResults, 1, MaxPageSize)}";
    }

    public static string Count(string entity) => $"SELECT COUNT(*) FROM {Identifier(entity)}";

    private static string Identifier(string entity) =>
        !string.IsNullOrEmpty(entity) && entity.All(char.IsAsciiLetter)
            ? entity
            : throw new ArgumentException("Entity names are letters only.", nameof(entity));
}
