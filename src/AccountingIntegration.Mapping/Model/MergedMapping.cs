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

    /// <summary>The choice for an event: by its type first, then by its meaning; null when no layer says.</summary>
    public string? EventActionFor(string? eventType, string meaning) =>
        EventActions.FirstOrDefault(a => eventType is not null && a.Event.Equals(eventType, StringComparison.OrdinalIgnoreCase))?.Action
        ?? EventActions.FirstOrDefault(a => a.Event.Equals(meaning, StringComparison.OrdinalIgnoreCase))?.Action;

    public IReadOnlyList<MergedFieldMapping> FieldMappings { get; }

    public IReadOnlyList<MergedStaticValue> StaticValues { get; }

    /// <summary>Ids of the layers that took part, in the order they were applied.</summary>
    public IReadOnlyList<string> LayerIds { get; }

    // Two threads may compile at once; both results are equal, so the race is harmless.
    internal CompiledMapping Compiled => _compiled ??= CompiledMapping.Compile(this);
}
