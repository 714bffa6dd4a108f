namespace AccountingIntegration.Mapping;

/// <summary>
/// One step as written: its name and its arguments split on unescaped colons. <c>\:</c>, <c>\|</c> and
/// <c>\\</c> are already unescaped; any other backslash pair is kept for the step to read (map uses <c>\,</c>, <c>\=</c>).
/// </summary>
internal sealed record ParsedStep(int Position, string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>The argument text as one string, colons restored: for steps whose single argument may contain colons.</summary>
    public string JoinedArguments => string.Join(':', Arguments);
}
