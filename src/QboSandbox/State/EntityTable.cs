using System.Globalization;
using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>One entity type inside one company: rows in creation order, numeric string ids "1", "2", ….</summary>
internal sealed class EntityTable
{
    private readonly List<JsonObject> _rows = [];
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);
    private long _lastId;

    public IReadOnlyList<JsonObject> Rows => _rows;

    public string NextId() => (++_lastId).ToString(CultureInfo.InvariantCulture);

    public void Add(JsonObject row)
    {
        var id = row["Id"]!.GetValue<string>();
        _byId.Add(id, row);
        _rows.Add(row);
    }

    public JsonObject? Find(string id) => _byId.GetValueOrDefault(id);
}
