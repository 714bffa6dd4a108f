using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// The property names a mapping reads from one kind of object (the payload root, or each line's element), looked up in
/// one pass over the object's properties. <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> scans the
/// object's properties on every call, so a 5 KB order with 56 root properties paid a scan per rule; one pass reads each
/// property once. As with that method, a repeated name yields its last value.
/// </summary>
internal sealed class PropertyIndex
{
    /// <summary>Below this many names, separate lookups cost less than a pass over every property.</summary>
    public const int MinNames = 3;

    private readonly byte[][] _names;
    private readonly ulong _lengths;

    public PropertyIndex(IReadOnlyList<string> names)
    {
        _names = [.. names.Select(Encoding.UTF8.GetBytes)];
        foreach (var name in _names)
        {
            // Names of 63 bytes or more share bit 63, so a long property is compared rather than filtered out by length.
            _lengths |= 1UL << Math.Min(name.Length, 63);
        }
    }

    public int Count => _names.Length;

    /// <summary>
    /// Fills <paramref name="values"/>[i] with the value of the i-th name, or <c>default</c> (ValueKind Undefined) when
    /// <paramref name="element"/> is not an object or has no such property.
    /// </summary>
    public void Fill(JsonElement element, JsonElement[] values)
    {
        Array.Clear(values, 0, _names.Length);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Contains((byte)'\\'))
            {
                // An escaped name (\u0041) is compared unescaped, with every name: its raw length says nothing.
                for (var i = 0; i < _names.Length; i++)
                {
                    if (property.NameEquals(_names[i]))
                    {
                        values[i] = property.Value;
                    }
                }

                continue;
            }

            if ((_lengths & (1UL << Math.Min(raw.Length, 63))) == 0)
            {
                continue;
            }

            for (var i = 0; i < _names.Length; i++)
            {
                // The length first: only a name of the same length is compared byte for byte.
                if (_names[i].Length == raw.Length && raw.SequenceEqual(_names[i]))
                {
                    values[i] = property.Value;
                }
            }
        }
    }
}
