using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Where a step runs: the payload root and the current element (the line's element inside a line), or, when the
/// payload was read in one pass without a document, the values that pass collected (<see cref="Collected"/>).
/// </summary>
internal readonly record struct StepContext(JsonElement Root, JsonElement Current, CollectedValues? Collected = null)
{
    /// <summary>The value at <paramref name="path"/>, from the document or from the one-pass values.</summary>
    public MappingValue Read(SourcePath path) => Collected is { } collected ? collected.Read(path) : path.Read(Root, Current);
}
