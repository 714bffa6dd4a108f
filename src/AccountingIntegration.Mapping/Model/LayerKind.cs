namespace AccountingIntegration.Mapping;

/// <summary>
/// The three tiers of the mapping hierarchy. The numeric order is the tie-break order of the merge:
/// on equal priority a template is applied first and a source mapping last, so the most specific wins.
/// </summary>
public enum LayerKind
{
    Template = 0,
    Override = 1,
    SourceMapping = 2,
}
