using System.Collections;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// A scope's state as providers see it, redacted when a provider reads it rather than when the scope opens. ASP.NET
/// opens a scope for every request (and Kestrel one for every connection), and at the levels in force most are never
/// written; turning each into text and running the redaction patterns over it showed in every request's profile.
/// What a provider reads is what <see cref="RedactedLogState.From"/> gives for the same state: the redacted text,
/// and, for a structured state, its properties with secret values masked. Each is computed once per scope; two
/// threads reading at once may both compute it, with the same result.
/// </summary>
internal static class RedactedScope
{
    public static object For(object state) => state switch
    {
        IEnumerable<KeyValuePair<string, object?>> pairs => new Structured(pairs),
        _ when LogRedaction.NeverSecret(state) => state,
        _ => new Text(state),
    };

    private static string RedactedText(object state) => LogRedaction.Redact(state.ToString() ?? string.Empty);

    /// <summary>A scope written whole, as text (a string, say).</summary>
    private sealed class Text(object state)
    {
        private string? _text;

        public override string ToString() => _text ??= RedactedText(state);
    }

    /// <summary>A scope with named values (the request's path and id), which structured providers write one by one.</summary>
    private sealed class Structured(IEnumerable<KeyValuePair<string, object?>> state) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private IReadOnlyList<KeyValuePair<string, object?>>? _properties;
        private string? _text;

        public int Count => Properties.Count;

        private IReadOnlyList<KeyValuePair<string, object?>> Properties => _properties ??= RedactedLogState.RedactProperties(state);

        public KeyValuePair<string, object?> this[int index] => Properties[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Properties.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _text ??= RedactedText(state);
    }
}
