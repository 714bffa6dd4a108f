using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// A request's headers as the vendor adapters read them (name → value, case-insensitive), without copying them into
/// a dictionary for every delivery: an adapter looks at one or two headers, and Kestrel's collection already answers
/// by name. A header sent more than once reads as its values joined by commas, as a copy would hold it.
/// </summary>
internal sealed class HeaderView(IHeaderDictionary headers) : IReadOnlyDictionary<string, string>
{
    public int Count => headers.Count;

    public IEnumerable<string> Keys => headers.Keys;

    public IEnumerable<string> Values => headers.Values.Select(v => v.ToString());

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => headers.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (headers.TryGetValue(key, out var values))
        {
            value = values.ToString();
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var header in headers)
        {
            yield return new KeyValuePair<string, string>(header.Key, header.Value.ToString());
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
