using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>A static value that won the merge, with the layer that supplied it.</summary>
public sealed record MergedStaticValue(string QboPath, JsonNode? Value, string LayerId, LayerKind LayerKind);
