using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>substring:start[:end]</c>: the seed's Python slice (end exclusive, negatives count from the end, out of
/// range clamps), counting user-perceived characters so an emoji or an accented letter made of two code points
/// is never cut in half.
/// </summary>
internal sealed class SliceStep(string name, int start, int? end) : ValueStep(name)
{
    public static SliceStep Substring(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 2);
        var start = StepArguments.Integer(step, 0, -100_000, 100_000);
        int? end = step.Arguments.Count == 2 ? StepArguments.Integer(step, 1, -100_000, 100_000) : null;
        return new SliceStep("substring", start, end);
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        var text = TextOf(input);
        var boundaries = StringInfo.ParseCombiningCharacters(text);
        var length = boundaries.Length;
        var from = Clamp(start, length);
        var to = end is { } e ? Clamp(e, length) : length;
        if (to <= from)
        {
            return MappingValue.FromString(string.Empty);
        }

        var offset = boundaries[from];
        var stop = to == length ? text.Length : boundaries[to];
        return MappingValue.FromString(text[offset..stop]);
    }

    private static int Clamp(int index, int length) =>
        index < 0 ? Math.Max(0, length + index) : Math.Min(index, length);
}
