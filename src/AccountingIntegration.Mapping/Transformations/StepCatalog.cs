using System.Collections.Frozen;

namespace AccountingIntegration.Mapping;

/// <summary>Every step name and how to build it from its arguments. Names match case-insensitively.</summary>
internal static class StepCatalog
{
    private static readonly FrozenDictionary<string, Func<ParsedStep, ITransformationStep>> Factories =
        new Dictionary<string, Func<ParsedStep, ITransformationStep>>(StringComparer.OrdinalIgnoreCase)
        {
            ["toString"] = step => NoArguments(step, ToStringStep.Instance),
            ["toUpperCase"] = step => NoArguments(step, TextStep.UpperCase),
            ["toLowerCase"] = step => NoArguments(step, TextStep.LowerCase),
            ["trim"] = step => NoArguments(step, TextStep.Trim),
            ["htmlDecode"] = step => NoArguments(step, TextStep.HtmlDecode),
            ["substring"] = SliceStep.Substring,
            ["truncate"] = TruncateStep.Create,
            ["replace"] = ReplaceStep.Create,
            ["split"] = SplitStep.Create,
            ["concat"] = ConcatStep.Create,
            ["toNumber"] = step => NoArguments(step, NumberStep.ToNumber),
            ["toInteger"] = step => NoArguments(step, NumberStep.ToInteger),
            ["abs"] = step => NoArguments(step, NumberStep.Abs),
            ["negate"] = step => NoArguments(step, NumberStep.Negate),
            ["multiply"] = NumberStep.Multiply,
            ["divide"] = NumberStep.Divide,
            ["round"] = NumberStep.Round,
            ["fromCents"] = NumberStep.FromCents,
            ["formatDate"] = FormatDateStep.Create,
            ["inTimeZone"] = InTimeZoneStep.Create,
            ["default"] = DefaultStep.Create,
            ["coalesce"] = CoalesceStep.Create,
            ["map"] = MapStep.Create,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => Factories.Keys.Append(ResolveStep.Name).Order(StringComparer.Ordinal);

    public static ITransformationStep Create(ParsedStep step) =>
        Factories.TryGetValue(step.Name, out var factory)
            ? factory(step)
            : throw new TransformationSyntaxException($"step {step.Position} '{step.Name}' is not a known step");

    private static ITransformationStep NoArguments(ParsedStep step, ITransformationStep instance)
    {
        StepArguments.RequireCount(step, 0, 0);
        return instance;
    }
}
