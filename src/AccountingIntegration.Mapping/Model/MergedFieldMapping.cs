namespace AccountingIntegration.Mapping;

/// <summary>A field mapping that won the merge, with the layer that supplied it (shown by the preview).</summary>
public sealed record MergedFieldMapping(FieldMapping Mapping, string LayerId, LayerKind LayerKind);
