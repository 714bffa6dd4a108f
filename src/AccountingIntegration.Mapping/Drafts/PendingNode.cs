using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// An object or array of the draft while its rules still run: named (or indexed) slots holding either a finished
/// leaf or a child still pending. Each becomes a <see cref="JsonObject"/> only once it is complete
/// (<see cref="DraftTree"/>), because building a <see cref="JsonObject"/> one indexer set at a time grows its
/// dictionary (3 → 7 entries) and checks every property on the way: most of the mapping's time and memory.
/// Instances are pooled by <see cref="DraftTree"/>, so a draft allocates none of them.
/// </summary>
internal sealed class PendingNode : IDraftObject
{
    private Slot[] _slots = new Slot[4];

    public bool IsArray { get; private set; }

    public int Count { get; private set; }

    public ref Slot this[int index] => ref _slots[index];

    public void Reset(bool isArray)
    {
        Array.Clear(_slots, 0, Count);
        Count = 0;
        IsArray = isArray;
    }

    /// <summary>The slot named <paramref name="name"/>, or -1. Objects hold a handful of properties: a scan beats hashing.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_slots[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The finished value named <paramref name="name"/>; null when absent or still an object or array.</summary>
    public JsonNode? Leaf(string name) => IndexOf(name) is var index and >= 0 ? _slots[index].Leaf : null;

    /// <summary>The child object named <paramref name="name"/>, when that property is an object.</summary>
    public PendingNode? ChildObject(string name) =>
        IndexOf(name) is var index and >= 0 && _slots[index].Child is { IsArray: false } child ? child : null;

    JsonNode? IDraftObject.Value(string name) => Leaf(name);

    bool IDraftObject.Has(string name) => IndexOf(name) >= 0;

    IDraftObject? IDraftObject.Object(string name) => ChildObject(name);

    int IDraftObject.ArrayCount(string name) =>
        IndexOf(name) is var index and >= 0 && _slots[index].Child is { IsArray: true } array ? array.Count : -1;

    IDraftObject? IDraftObject.ArrayObject(string name, int index) =>
        IndexOf(name) is var slot and >= 0 && _slots[slot].Child is { IsArray: true } array && array[index].Child is { IsArray: false } element ? element : null;

    /// <summary>Sets a property, keeping its place when it exists (as <see cref="JsonObject"/>'s indexer does).</summary>
    public void Set(string name, JsonNode? leaf, PendingNode? child = null)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            index = Append();
        }

        _slots[index] = new Slot(name, leaf, child);
    }

    /// <summary>Adds an empty slot at the end (an array's next element, or a new property) and returns its index.</summary>
    public int Append()
    {
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[Count] = default;
        return Count++;
    }

    /// <summary>One property or element: a name (null in arrays) and either a finished leaf or a pending child.</summary>
    internal record struct Slot(string? Name, JsonNode? Leaf, PendingNode? Child);
}
