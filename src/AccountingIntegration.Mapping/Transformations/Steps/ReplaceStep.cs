namespace AccountingIntegration.Mapping;

/// <summary><c>replace:old[:new]</c>: every occurrence, case-sensitive; without <c>new</c> the text is removed.</summary>
internal sealed class ReplaceStep(string oldText, string newText) : ValueStep("replace")
{
    public static ReplaceStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 2);
        var oldText = StepArguments.NonEmpty(step, 0);
        return new ReplaceStep(oldText, step.Arguments.Count == 2 ? step.Arguments[1] : string.Empty);
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context) =>
        MappingValue.FromString(TextOf(input).Replace(oldText, newText, StringComparison.Ordinal));
}
