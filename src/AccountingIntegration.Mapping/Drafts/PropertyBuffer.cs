using System.Collections;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// A pending object's properties as the collection <see cref="JsonObject"/>'s constructor takes: being a collection, it
/// tells the constructor the count, which sizes the dictionary exactly; being its own enumerator, it allocates nothing.
/// Reused for every object of a draft, one at a time.
/// </summary>
internal sealed class PropertyBuffer : ICollection<KeyValuePair<string, JsonNode?>>, IEnumerator<KeyValuePair<string, JsonNode?>>
{
    private KeyValuePair<string, JsonNode?>[] _items = new KeyValuePair<string, JsonNode?>[8];
    private int _position = -1;

    public int Count { get; private set; }

    public bool IsReadOnly => true;

    public KeyValuePair<string, JsonNode?> Current => _items[_position];

    object IEnumerator.Current => Current;

    public void Fill(PendingNode node)
    {
        if (_items.Length < node.Count)
        {
            _items = new KeyValuePair<string, JsonNode?>[node.Count];
        }

        for (var i = 0; i < node.Count; i++)
        {
            _items[i] = new KeyValuePair<string, JsonNode?>(node[i].Name!, node[i].Leaf);
        }

        Count = node.Count;
    }

    /// <summary>Forgets the last object's values, so they do not outlive their draft.</summary>
    public void Release()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator()
    {
        _position = -1;
        return this;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool MoveNext() => ++_position < Count;

    public void Reset() => _position = -1;

    public void Dispose() => _position = -1;

    public void CopyTo(KeyValuePair<string, JsonNode?>[] array, int arrayIndex) => Array.Copy(_items, 0, array, arrayIndex, Count);

    public bool Contains(KeyValuePair<string, JsonNode?> item) => Array.IndexOf(_items, item, 0, Count) >= 0;

    public void Add(KeyValuePair<string, JsonNode?> item) => throw new NotSupportedException("The buffer is filled from a pending object.");

    public void Clear() => throw new NotSupportedException("The buffer is filled from a pending object.");

    public bool Remove(KeyValuePair<string, JsonNode?> item) => throw new NotSupportedException("The buffer is filled from a pending object.");
}
