using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Where a draft's rules write: pending objects (<see cref="PendingNode"/>) that become <see cref="JsonObject"/>s
/// in one step each once complete, every object created with all its properties and an exactly sized dictionary.
/// The pending nodes are reused from draft to draft on the same thread; the finished JsonObjects are the caller's.
/// </summary>
internal sealed class DraftTree
{
    [ThreadStatic]
    private static DraftTree? s_cached;

    private readonly List<PendingNode> _nodes = [];
    private readonly PropertyBuffer _properties = new();
    private int _used;
    private JsonElement[] _rootValues = [];
    private JsonElement[] _lineValues = [];

    /// <summary>The payload elements the current draft's lines are read from; emptied when the tree is returned.</summary>
    public List<JsonElement> LineElements { get; } = [];

    /// <summary>The thread's tree, or a new one while it is in use (a draft built inside another's callback).</summary>
    public static DraftTree Rent()
    {
        var tree = s_cached ?? new DraftTree();
        s_cached = null;
        return tree;
    }

    /// <summary>Clears the pending nodes, so no payload value outlives its draft, and keeps the tree for the thread's next draft.</summary>
    public void Return()
    {
        for (var i = 0; i < _used; i++)
        {
            _nodes[i].Reset(isArray: false);
        }

        _used = 0;
        // The payload's document is the caller's to dispose: no element of it stays here.
        Array.Clear(_rootValues);
        Array.Clear(_lineValues);
        LineElements.Clear();
        s_cached = this;
    }

    /// <summary>The root's values through <paramref name="index"/>, in an array this tree reuses; null without an index.</summary>
    public JsonElement[]? IndexRoot(PropertyIndex? index, JsonElement root) => Fill(index, root, ref _rootValues);

    /// <summary>A line element's values through <paramref name="index"/>, in an array this tree reuses for every line; null without an index.</summary>
    public JsonElement[]? IndexLine(PropertyIndex? index, JsonElement line) => Fill(index, line, ref _lineValues);

    private static JsonElement[]? Fill(PropertyIndex? index, JsonElement element, ref JsonElement[] values)
    {
        if (index is null)
        {
            return null;
        }

        if (values.Length < index.Count)
        {
            values = new JsonElement[index.Count];
        }

        index.Fill(element, values);
        return values;
    }

    /// <summary>A new, empty pending object (the invoice, a header, a line).</summary>
    public PendingNode NewObject() => NewNode(isArray: false);

    /// <summary>A new, empty pending array (the invoice's lines).</summary>
    public PendingNode NewArray() => NewNode(isArray: true);

    /// <summary>
    /// Writes <paramref name="value"/> along <paramref name="segments"/>, creating objects and array slots as needed, with
    /// the semantics the draft has always had: a later write replaces an earlier one in place, an intermediate that is not
    /// an object (or not an array, for <c>[n]</c>) is replaced by one, and array gaps are filled with null or empty objects.
    /// </summary>
    public void Write(PendingNode target, QboPathSegment[] segments, JsonNode? value)
    {
        var current = target;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment.Index is not { } index)
            {
                if (last)
                {
                    current.Set(segment.Name, value);
                    return;
                }

                current = ChildOf(current, segment.Name, isArray: false);
                continue;
            }

            var array = ChildOf(current, segment.Name, isArray: true);
            while (array.Count <= index)
            {
                var slot = array.Append();
                array[slot] = new PendingNode.Slot(null, null, last ? null : NewObject());
            }

            ref var element = ref array[index];
            if (last)
            {
                element = new PendingNode.Slot(null, value, null);
                return;
            }

            if (element.Child is not { IsArray: false } child)
            {
                child = NewObject();
                element = new PendingNode.Slot(null, null, child);
            }

            current = child;
        }
    }

    /// <summary>The finished <see cref="JsonObject"/> (or <see cref="JsonArray"/>): children first, then the node itself in one step.</summary>
    public JsonNode Materialize(PendingNode node)
    {
        for (var i = 0; i < node.Count; i++)
        {
            ref var slot = ref node[i];
            if (slot.Child is { } child)
            {
                slot = slot with { Leaf = Materialize(child), Child = null };
            }
        }

        if (node.IsArray)
        {
            var array = new JsonArray();
            for (var i = 0; i < node.Count; i++)
            {
                array.Add(node[i].Leaf);
            }

            return array;
        }

        // Children are finished above, so the one buffer serves every object in turn.
        _properties.Fill(node);
        var created = new JsonObject(_properties);
        _properties.Release();
        return created;
    }

    private PendingNode ChildOf(PendingNode parent, string name, bool isArray)
    {
        var index = parent.IndexOf(name);
        if (index >= 0 && parent[index].Child is { } existing && existing.IsArray == isArray)
        {
            return existing;
        }

        var child = NewNode(isArray);
        if (index >= 0)
        {
            parent[index] = new PendingNode.Slot(name, null, child);
        }
        else
        {
            parent[parent.Append()] = new PendingNode.Slot(name, null, child);
        }

        return child;
    }

    private PendingNode NewNode(bool isArray)
    {
        if (_used == _nodes.Count)
        {
            _nodes.Add(new PendingNode());
        }

        var node = _nodes[_used++];
        node.Reset(isArray);
        return node;
    }
}
