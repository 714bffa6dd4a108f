namespace AccountingIntegration.Features.Webhooks;

/// <summary>Optional filters of a payload list; null means "any". The time range is [from, to).</summary>
internal sealed record PayloadFilter
{
    public string? Status { get; init; }

    public string? SourceId { get; init; }

    public DateTime? ReceivedFrom { get; init; }

    public DateTime? ReceivedTo { get; init; }

    /// <summary>
    /// Free text (the console's search box): the payload id or dedupe key exactly, or a part of the event type or the
    /// last error (its code or words). Unlike the other filters no index serves the partial match; the capped count and
    /// keyset pages keep its cost to the rows read.
    /// </summary>
    public string? Text { get; init; }

    /// <summary><see cref="Text"/> as a LIKE pattern that matches it anywhere, its wildcards taken literally (escaped with '!', which reads alike in SQLite and MySQL).</summary>
    public string? TextPattern => Text is null
        ? null
        : "%" + Text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal) + "%";
}
