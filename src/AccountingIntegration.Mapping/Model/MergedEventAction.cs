namespace AccountingIntegration.Mapping;

/// <summary>The choice of document for one event type (or meaning) that won the merge, and the layer it came from.</summary>
public sealed record MergedEventAction(string Event, string Action, string LayerId, LayerKind LayerKind);
