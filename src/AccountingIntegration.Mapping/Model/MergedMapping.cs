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
        IReadOnlyList<string> layerIds)
    {
        FieldMappings = fieldMappings;
        StaticValues = staticValues;
        LayerIds = layerIds;
    }

    public IReadOnlyList<MergedFieldMapping> FieldMappings { get; }

    public IReadOnlyList<MergedStaticValue> StaticValues { get; }

    /// <summary>Ids of the layers that took part, in the order they were applied.</summary>
    public IReadOnlyList<string> LayerIds { get; }

    // Two threads may compile at once; both results are equal, so the race is harmless.
    internal CompiledMapping Compiled => _compiled ??= CompiledMapping.Compile(this);
}
