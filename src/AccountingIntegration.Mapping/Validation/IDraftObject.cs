using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// What the invoice rules read of a draft object. The builder checks its draft while it is still pending
/// (<see cref="PendingNode"/>), before it becomes <see cref="JsonObject"/>s, whose dictionary lookups were a tenth
/// of the mapping's time; the public validator reads a finished <see cref="JsonObject"/> (<see cref="JsonDraftObject"/>).
/// </summary>
internal interface IDraftObject
{
    /// <summary>The property's value node (as <see cref="JsonObject"/>'s indexer returns it); null when absent.</summary>
    JsonNode? Value(string name);

    /// <summary>True when the property exists, whatever its value.</summary>
    bool Has(string name);

    /// <summary>The property when it is an object; null otherwise.</summary>
    IDraftObject? Object(string name);

    /// <summary>The number of elements of the property when it is an array; -1 otherwise.</summary>
    int ArrayCount(string name);

    /// <summary>An element of the array property when it is an object; null otherwise.</summary>
    IDraftObject? ArrayObject(string name, int index);
}

/// <summary>A finished <see cref="JsonObject"/> read by the invoice rules.</summary>
internal sealed class JsonDraftObject(JsonObject target) : IDraftObject
{
    public JsonNode? Value(string name) => target[name];

    public bool Has(string name) => target.ContainsKey(name);

    public IDraftObject? Object(string name) => target[name] is JsonObject child ? new JsonDraftObject(child) : null;

    public int ArrayCount(string name) => target[name] is JsonArray array ? array.Count : -1;

    public IDraftObject? ArrayObject(string name, int index) =>
        target[name] is JsonArray array && array[index] is JsonObject element ? new JsonDraftObject(element) : null;
}
