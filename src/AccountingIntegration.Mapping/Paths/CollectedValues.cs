namespace AccountingIntegration.Mapping;

/// <summary>
/// The values one pass over a payload collected for a <see cref="ReadPlan"/>: the root's slots and each line's. Reused
/// from draft to draft on the same thread; <see cref="Return"/> clears them, so no payload value outlives its draft.
/// </summary>
internal sealed class CollectedValues
{
    [ThreadStatic]
    private static CollectedValues? s_cached;

    private readonly List<CollectedSlot[]> _lines = [];
    private ReadPlan _plan = null!;
    private CollectedSlot[] _root = [];
    private ReadOnlyMemory<byte> _utf8Json;

    public CollectedSlot[] Root => _root;

    public int LineCount { get; private set; }

    /// <summary>The line whose values <see cref="Read"/> sees; -1 in the header.</summary>
    public int CurrentLine { get; set; } = -1;

    /// <summary>The thread's instance sized for <paramref name="plan"/>, or a new one while it is in use.</summary>
    public static CollectedValues Rent(ReadPlan plan, ReadOnlyMemory<byte> utf8Json)
    {
        var values = s_cached ?? new CollectedValues();
        s_cached = null;
        values._plan = plan;
        values._utf8Json = utf8Json;
        if (values._root.Length < plan.RootSlotCount)
        {
            values._root = new CollectedSlot[plan.RootSlotCount];
        }

        return values;
    }

    public void Return()
    {
        Array.Clear(_root);
        for (var i = 0; i < LineCount; i++)
        {
            Array.Clear(_lines[i]);
        }

        LineCount = 0;
        CurrentLine = -1;
        _plan = null!;
        _utf8Json = default;
        s_cached = this;
    }

    /// <summary>The slots of a new line, empty (every value missing).</summary>
    public CollectedSlot[] AddLine()
    {
        if (LineCount == _lines.Count)
        {
            _lines.Add(new CollectedSlot[_plan.LineSlotCount]);
        }
        else if (_lines[LineCount].Length < _plan.LineSlotCount)
        {
            _lines[LineCount] = new CollectedSlot[_plan.LineSlotCount];
        }

        return _lines[LineCount++];
    }

    /// <summary>Forgets the lines read so far: the line source appeared again, and the last one wins.</summary>
    public void ClearLines()
    {
        for (var i = 0; i < LineCount; i++)
        {
            Array.Clear(_lines[i]);
        }

        LineCount = 0;
    }

    public MappingValue At(PlanSlot slot) =>
        slot.Index < 0 ? MappingValue.Missing : (slot.OnLine ? _lines[CurrentLine] : _root)[slot.Index].Read(_utf8Json.Span);

    /// <summary>The value of a path a step reads, in the current line or in the header.</summary>
    public MappingValue Read(SourcePath path) => At(_plan.SlotOf(path, CurrentLine >= 0));
}
