using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Base of the steps that leave "no value" alone: null and missing pass through untouched, so a later
/// <c>default</c> or the mapping's <c>required</c> flag still sees that nothing was there.
/// </summary>
internal abstract class ValueStep(string name) : ITransformationStep
{
    public string Name { get; } = name;

    public MappingValue Apply(MappingValue input, in StepContext context) =>
        input.IsNullOrMissing ? input : Transform(input, context);

    protected abstract MappingValue Transform(MappingValue input, in StepContext context);

    /// <summary>The text form of a scalar; objects and arrays are not text.</summary>
    protected static string TextOf(in MappingValue input) => input.Kind == ValueKind.Json
        ? throw new StepFailedException($"expected text, got a JSON {(input.Json.ValueKind == JsonValueKind.Array ? "array" : "object")}")
        : input.ToText()!;
}
