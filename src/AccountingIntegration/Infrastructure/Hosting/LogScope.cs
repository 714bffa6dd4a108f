using System.Collections;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Named values for a log scope: JSON output writes them as properties, and the text console, which prints a scope's
/// <c>ToString()</c>, shows <c>RequestId:abc</c> instead of a dictionary's type name.
/// </summary>
internal sealed class LogScope(params KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public static LogScope Of(string name, object? value) => new(new KeyValuePair<string, object?>(name, value));

    public static LogScope Of(string name, object? value, string otherName, object? otherValue) =>
        new(new KeyValuePair<string, object?>(name, value), new KeyValuePair<string, object?>(otherName, otherValue));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" ", values.Select(v => $"{v.Key}:{v.Value}"));
}
