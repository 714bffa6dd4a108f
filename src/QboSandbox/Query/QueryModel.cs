namespace QboSandbox.Query;

/// <summary>A parsed statement: SELECT * | count(*) FROM Entity [WHERE …] [ORDERBY …] [STARTPOSITION n] [MAXRESULTS n].</summary>
internal sealed record QueryModel(
    bool IsCount,
    string Entity,
    IReadOnlyList<Condition> Conditions,
    IReadOnlyList<Ordering> OrderBy,
    int? StartPosition,
    int? MaxResults);

internal enum Operator
{
    Equal,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Like,
    In,
}

/// <summary>One WHERE term; conditions are joined by AND (QBO has no OR).</summary>
internal sealed record Condition(string Field, Operator Operator, IReadOnlyList<Literal> Values);

internal sealed record Ordering(string Field, bool Descending);

/// <summary>A literal: a quoted string, a number or true/false, kept as text with its kind.</summary>
internal sealed record Literal(string Text, bool IsString);
