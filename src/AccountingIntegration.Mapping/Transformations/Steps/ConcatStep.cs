namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>concat:PREFIX:SUFFIX</c>. Where the argument text contains <c>::</c> it splits there instead, so the seed's
/// own example <c>concat:prefix-::-suffix</c> on "abc" gives "prefix-abc-suffix". Without <c>::</c> the first
/// colon splits and any later colons belong to the suffix. Null stays null (the seed wrote "None").
/// </summary>
internal sealed class ConcatStep(string prefix, string suffix) : ValueStep("concat")
{
    public static ConcatStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, int.MaxValue);
        var arguments = step.Arguments;
        // An empty argument with a colon on each side is a "::" inside the argument text.
        for (var i = 1; i < arguments.Count - 1; i++)
        {
            if (arguments[i].Length == 0)
            {
                return new ConcatStep(string.Join(':', arguments.Take(i)), string.Join(':', arguments.Skip(i + 1)));
            }
        }
        return new ConcatStep(arguments[0], string.Join(':', arguments.Skip(1)));
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context) =>
        MappingValue.FromString(string.Concat(prefix, TextOf(input), suffix));
}
