using System.Collections;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// A log entry's or scope's state with every secret removed: the structured properties providers
/// write one by one, and the text they write when they write it whole.
/// </summary>
internal sealed class RedactedLogState(IReadOnlyList<KeyValuePair<string, object?>> properties, string text)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static readonly Func<RedactedLogState, Exception?, string> Format = (state, _) => state.ToString();

    public int Count => properties.Count;

    public KeyValuePair<string, object?> this[int index] => properties[index];

    /// <summary>The state as providers would see it, with secrets masked; the original itself when nothing needed masking.</summary>
    public static object From(object state, string text)
    {
        var redactedText = LogRedaction.Redact(text);
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return redactedText == text ? state : redactedText;
        }

        return new RedactedLogState(RedactProperties(pairs), redactedText);
    }

    /// <summary>The properties with each secret value replaced by its redacted text, in their order.</summary>
    public static List<KeyValuePair<string, object?>> RedactProperties(IEnumerable<KeyValuePair<string, object?>> pairs) =>
        pairs.Select(p => LogRedaction.RedactedText(p.Value) is { } masked ? new KeyValuePair<string, object?>(p.Key, masked) : p).ToList();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text;
}
