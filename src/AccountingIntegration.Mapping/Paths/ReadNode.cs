using System.Text;

namespace AccountingIntegration.Mapping;

/// <summary>One property name in a <see cref="ReadPlan"/>'s tree: read whole into a slot, descended into, or the lines.</summary>
internal sealed class ReadNode(string name)
{
    private readonly List<ReadNode> _children = [];

    public string Name { get; } = name;

    /// <summary>The name as UTF-8, compared with the payload's raw property names.</summary>
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(name);

    /// <summary>The slot this property's value goes to; -1 when only properties inside it are read.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>True for the line source: its array's elements become the invoice's lines.</summary>
    public bool IsLines { get; set; }

    public IReadOnlyList<ReadNode> Children => _children;

    /// <summary>The children as an array, for the reader's loop; set by <see cref="Seal"/>.</summary>
    public ReadNode[] Matches { get; private set; } = [];

    /// <summary>
    /// The slots of every path below this property. When the property appears again in the same object, the last one
    /// wins (as <see cref="System.Text.Json.JsonElement.TryGetProperty(string, out System.Text.Json.JsonElement)"/> has
    /// it), so what the earlier one gave is forgotten first.
    /// </summary>
    public int[] Below { get; private set; } = [];

    public ReadNode Child(string name)
    {
        foreach (var child in _children)
        {
            if (child.Name == name)
            {
                return child;
            }
        }

        var added = new ReadNode(name);
        _children.Add(added);
        return added;
    }

    public void Seal(int[] below)
    {
        Below = below;
        Matches = [.. _children];
    }
}
