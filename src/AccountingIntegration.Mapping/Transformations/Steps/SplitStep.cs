namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>split:delimiter:index</c>: the index-th piece (negative counts from the end). A piece that does not
/// exist gives null rather than an error, so <c>default</c> can supply a fallback.
/// </summary>
internal sealed class SplitStep(string delimiter, int index) : ValueStep("split")
{
    public static SplitStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 2, 2);
        return new SplitStep(StepArguments.NonEmpty(step, 0), StepArguments.Integer(step, 1, -10_000, 10_000));
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        var pieces = TextOf(input).Split(delimiter);
        var position = index < 0 ? pieces.Length + index : index;
        return position >= 0 && position < pieces.Length
            ? MappingValue.FromString(pieces[position])
            : MappingValue.Null;
    }
}
