using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>Where a step runs: the payload root and the current element (the line's element inside a line).</summary>
internal readonly record struct StepContext(JsonElement Root, JsonElement Current);
