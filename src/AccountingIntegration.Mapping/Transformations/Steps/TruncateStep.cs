using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>truncate:max</c>: keeps at most <c>max</c> UTF-16 code units — what the validator counts for QBO's length
/// limits — but only whole characters, so "😀😀😀" truncated to 3 is "😀" rather than an emoji and a half.
/// </summary>
internal sealed class TruncateStep(int max) : ValueStep("truncate")
{
    public static TruncateStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 1);
        return new TruncateStep(StepArguments.Integer(step, 0, 0, 100_000));
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        var text = TextOf(input);
        if (text.Length <= max)
        {
            return input.Kind == ValueKind.String ? input : MappingValue.FromString(text);
        }
        // The last character boundary not beyond max: every character before it fits whole.
        var cut = 0;
        foreach (var boundary in StringInfo.ParseCombiningCharacters(text))
        {
            if (boundary > max)
            {
                break;
            }

            cut = boundary;
        }
        return MappingValue.FromString(text[..cut]);
    }
}
