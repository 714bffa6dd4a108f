using System.Collections.Concurrent;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Remembers parsed paths: the same few paths, from saved layers, are read for every payload. The bound
/// only guards against a caller feeding arbitrary text; past it, parsing simply stops being cached.
/// </summary>
internal sealed class ParseCache<T>(Func<string, T> parse)
{
    private const int Limit = 10_000;
    private readonly ConcurrentDictionary<string, T> _cache = new(StringComparer.Ordinal);

    public T Get(string text)
    {
        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = parse(text);
        if (_cache.Count < Limit)
        {
            _cache.TryAdd(text, parsed);
        }

        return parsed;
    }
}
