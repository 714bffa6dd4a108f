namespace AccountingIntegration.Mapping;

/// <summary>
/// The effective mapping of one source: the winners of the merge and the layers they came from.
/// Immutable, so the service may cache it and share it between threads; the compiled form used by
/// <see cref="InvoiceDraftBuilder"/> is built on first use and kept with it.
/// </summary>
public sealed class MergedMapping
{
    private CompiledMapping? _compiled;

    public MergedMapping(
        IReadOnlyList<MergedFieldMapping> fieldMappings,
        IReadOnlyList<MergedStaticValue> staticValues,
        IReadOnlyList<string> layerIds,
        IReadOnlyList<MergedEventAction>? eventActions = null)
    {
        FieldMappings = fieldMappings;
        StaticValues = staticValues;
        LayerIds = layerIds;
        EventActions = eventActions ?? [];
    }

    /// <summary>Per event type (or meaning), the winning choice of document and the layer it came from.</summary>
    public IReadOnlyList<MergedEventAction> EventActions { get; }

    /// <summary>The choice for an event (the first of <see cref="EventActionCandidates"/>); null when no layer says.</summary>
    public string? EventActionFor(string? eventType, string meaning) => EventActionCandidates(eventType, meaning).FirstOrDefault()?.Action;

    /// <summary>
    /// The entries that speak for an event, the winner first: its type key and its meaning key, the one from the later
    /// layer first (an override's <c>sale</c> beats a template's <c>invoice.paid</c>), the type key first within one
    /// layer. The caller falls back to the second when the first does not fit what the event turned out to mean.
    /// </summary>
    public IReadOnlyList<MergedEventAction> EventActionCandidates(string? eventType, string meaning)
    {
        var byType = eventType is null ? null : EventActions.FirstOrDefault(a => a.Event.Equals(eventType, StringComparison.OrdinalIgnoreCase));
        var byMeaning = EventActions.FirstOrDefault(a => a.Event.Equals(meaning, StringComparison.OrdinalIgnoreCase));
        return (byType, byMeaning) switch
        {
            (null, null) => [],
            (null, { } m) => [m],
            ({ } t, null) => [t],
            ({ } t, { } m) when LayerPosition(m) > LayerPosition(t) => [m, t],
            ({ } t, { } m) => [t, m],
        };
    }

    private int LayerPosition(MergedEventAction entry)
    {
        for (var i = 0; i < LayerIds.Count; i++)
        {
            if (LayerIds[i] == entry.LayerId)
            {
                return i;
            }
        }

        return -1;
    }

    public IReadOnlyList<MergedFieldMapping> FieldMappings { get; }

    public IReadOnlyList<MergedStaticValue> StaticValues { get; }

    /// <summary>Ids of the layers that took part, in the order they were applied.</summary>
    public IReadOnlyList<string> LayerIds { get; }

    // Two threads may compile at once; both results are equal, so the race is harmless.
    internal CompiledMapping Compiled => _compiled ??= CompiledMapping.Compile(this);
}
