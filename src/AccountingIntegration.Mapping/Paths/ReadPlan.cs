namespace AccountingIntegration.Mapping;

/// <summary>
/// Every payload path a compiled mapping can read, arranged as two trees of property names (from the payload root, and
/// from each line's element) so that one pass of a reader over the UTF-8 payload collects all their values
/// (<see cref="OnePassReader"/>) without building a <see cref="System.Text.Json.JsonDocument"/>. Each distinct path has
/// one slot, so a property two rules read is read once. Only mappings whose paths are plain property names get a plan;
/// indices, <c>[*]</c>, a path that reads both an object and a property inside it, or lines taken from the root itself
/// need the document, and those mappings map from it as before.
/// </summary>
internal sealed class ReadPlan
{
    private readonly Dictionary<(SourcePath Path, bool InLine), PlanSlot> _slots;

    private ReadPlan(ReadNode root, ReadNode line, int rootSlots, int lineSlots, Dictionary<(SourcePath, bool), PlanSlot> slots,
        PlanSlot[] headerSources, PlanSlot[] lineSources)
    {
        Root = root;
        Line = line;
        RootSlotCount = rootSlots;
        LineSlotCount = lineSlots;
        _slots = slots;
        HeaderSources = headerSources;
        LineSources = lineSources;
    }

    /// <summary>The properties read from the payload root, the line source among them.</summary>
    public ReadNode Root { get; }

    /// <summary>The properties read from each element of the line source.</summary>
    public ReadNode Line { get; }

    public int RootSlotCount { get; }

    public int LineSlotCount { get; }

    /// <summary>Where each header field's source is, in the order of <see cref="CompiledMapping.HeaderFields"/>; <see cref="PlanSlot.None"/> without a source.</summary>
    public PlanSlot[] HeaderSources { get; }

    /// <summary>Where each line field's source is, in the order of <see cref="CompiledMapping.LineFields"/>.</summary>
    public PlanSlot[] LineSources { get; }

    /// <summary>The slot of a path a step reads (a <c>coalesce</c> alternative) inside a line or in the header.</summary>
    public PlanSlot SlotOf(SourcePath path, bool inLine) => _slots[(path, inLine)];

    /// <summary>The plan for these fields, or null when one of their paths needs the document.</summary>
    public static ReadPlan? TryCreate(CompiledField[] headerFields, CompiledField[] lineFields, CompiledLineSource? lineSource, bool hasLineRules)
    {
        var builder = new Builder();
        if (lineSource is null ? hasLineRules : !builder.AddLines(lineSource.Source))
        {
            return null;
        }

        var headerSources = new PlanSlot[headerFields.Length];
        for (var i = 0; i < headerFields.Length; i++)
        {
            if (!builder.TryAddField(headerFields[i], inLine: false, out headerSources[i]))
            {
                return null;
            }
        }

        var lineSources = new PlanSlot[lineFields.Length];
        for (var i = 0; i < lineFields.Length; i++)
        {
            if (!builder.TryAddField(lineFields[i], inLine: true, out lineSources[i]))
            {
                return null;
            }
        }

        return builder.Finish() is var (root, line)
            ? new ReadPlan(root, line, builder.RootSlots, builder.LineSlots, builder.Slots, headerSources, lineSources)
            : null;
    }

    private sealed class Builder
    {
        private readonly ReadNode _root = new(string.Empty);
        private readonly ReadNode _line = new(string.Empty);

        public Dictionary<(SourcePath, bool), PlanSlot> Slots { get; } = [];

        public int RootSlots { get; private set; }

        public int LineSlots { get; private set; }

        public bool AddLines(SourcePath source)
        {
            if (Walk(_root, source) is not { Slot: < 0, IsLines: false } node || node.Children.Count > 0)
            {
                return false;
            }

            node.IsLines = true;
            return true;
        }

        public bool TryAddField(CompiledField field, bool inLine, out PlanSlot slot)
        {
            slot = PlanSlot.None;
            if (field.Source is { } source && !TryAdd(source, inLine, out slot))
            {
                return false;
            }

            foreach (var path in field.Pipeline.PathsRead)
            {
                if (!TryAdd(path, inLine, out _))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Both trees, once no path reads an object and also a property inside it; null otherwise.</summary>
        public (ReadNode Root, ReadNode Line)? Finish() =>
            Seal(_root) && Seal(_line) ? (_root, _line) : null;

        private bool TryAdd(SourcePath path, bool inLine, out PlanSlot slot)
        {
            // Relative paths start at the line's element inside a line and at the root elsewhere; $ paths at the root.
            var onLine = inLine && !path.FromRoot;
            slot = PlanSlot.None;
            if (Walk(onLine ? _line : _root, path) is not { IsLines: false } node)
            {
                return false;
            }

            if (node.Slot < 0)
            {
                node.Slot = onLine ? LineSlots++ : RootSlots++;
            }

            slot = new PlanSlot(onLine, node.Slot);
            Slots[(path, inLine)] = slot;
            return true;
        }

        private static ReadNode? Walk(ReadNode start, SourcePath path)
        {
            if (path.Segments.Length == 0)
            {
                return null;
            }

            var node = start;
            foreach (var segment in path.Segments)
            {
                if (segment.Kind != PathSegmentKind.Property || node.IsLines)
                {
                    return null;
                }

                node = node.Child(segment.Name);
            }

            return node;
        }

        /// <summary>Fixes each node's children and the slots below it; false when a node is read whole and also descended into.</summary>
        private static bool Seal(ReadNode node)
        {
            var below = new List<int>();
            foreach (var child in node.Children)
            {
                if ((child.Slot >= 0 || child.IsLines) && child.Children.Count > 0 || !Seal(child))
                {
                    return false;
                }

                below.AddRange(child.Below);
                if (child.Slot >= 0)
                {
                    below.Add(child.Slot);
                }
            }

            node.Seal([.. below]);
            return true;
        }
    }
}

/// <summary>Where a path's value is collected: in the root's slots or in each line's; <see cref="None"/> for a field without a source.</summary>
internal readonly record struct PlanSlot(bool OnLine, int Index)
{
    public static PlanSlot None { get; } = new(false, -1);
}
