using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>
/// One entity type inside one company: rows in creation order, numeric string ids "1", "2", …, and
/// lazily built lookups by field (uniqueness checks, duplicate DocNumber) so creates stay O(1) as rows grow.
/// </summary>
internal sealed class EntityTable
{
    private readonly List<JsonObject> _rows = [];
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _largestNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _deleted = new(StringComparer.Ordinal);
    private long _lastId;

    public IReadOnlyList<JsonObject> Rows => _rows;

    public string NextId() => (++_lastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Restores a deletion from saved state.</summary>
    public void MarkDeleted(string id, DateTimeOffset at) => _deleted[id] = at;

    public void Add(JsonObject row)
    {
        var id = row["Id"]!.GetValue<string>();
        _byId.Add(id, row);
        _rows.Add(row);
        foreach (var (field, index) in _indexes)
        {
            if (Text(row, field) is { } key)
            {
                index.TryAdd(key, row);
            }
        }

        foreach (var field in _largestNumbers.Keys.ToList())
        {
            _largestNumbers[field] = Math.Max(_largestNumbers[field], Number(row, field));
        }
    }

    public JsonObject? Find(string id) => _byId.GetValueOrDefault(id);

    public bool WasDeleted(string id) => _deleted.ContainsKey(id);

    /// <summary>Deleted ids and when they were deleted (CDC reports them).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Deleted => _deleted;

    /// <summary>The id counter (persisted with the state).</summary>
    public long LastId
    {
        get => _lastId;
        set => _lastId = value;
    }

    /// <summary>Swaps a row for its new version (same Id, same position); lookups are rebuilt lazily.</summary>
    public void Replace(JsonObject row)
    {
        var id = row["Id"]!.GetValue<string>();
        _rows[_rows.IndexOf(_byId[id])] = row;
        _byId[id] = row;
        ForgetLookups();
    }

    public void Remove(string id, DateTimeOffset at)
    {
        if (_byId.Remove(id, out var row))
        {
            _rows.Remove(row);
            _deleted[id] = at;
            ForgetLookups();
        }
    }

    /// <summary>The first row whose string field equals the value; names compare case-insensitively.</summary>
    public JsonObject? FindBy(string field, string value, bool ignoreCase)
    {
        var indexName = ignoreCase ? field + "/ci" : field;
        if (!_indexes.TryGetValue(indexName, out var index))
        {
            index = new Dictionary<string, JsonObject>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            foreach (var row in _rows)
            {
                if (Text(row, field) is { } key)
                {
                    index.TryAdd(key, row);
                }
            }

            _indexes[indexName] = index;
        }

        return index.GetValueOrDefault(value);
    }

    /// <summary>The largest all-digit value of a field, or 0.</summary>
    public long LargestNumber(string field)
    {
        if (!_largestNumbers.TryGetValue(field, out var largest))
        {
            largest = _rows.Select(r => Number(r, field)).DefaultIfEmpty(0).Max();
            _largestNumbers[field] = largest;
        }

        return largest;
    }

    private void ForgetLookups()
    {
        _indexes.Clear();
        _largestNumbers.Clear();
    }

    private static string? Text(JsonObject row, string field) =>
        row[FieldName(field)] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static long Number(JsonObject row, string field) =>
        long.TryParse(Text(row, field), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string FieldName(string indexName) => indexName.EndsWith("/ci", StringComparison.Ordinal) ? indexName[..^3] : indexName;
}
