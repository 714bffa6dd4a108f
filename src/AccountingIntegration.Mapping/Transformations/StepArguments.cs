using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>Argument checks shared by the step factories; each failure names the step and the argument.</summary>
internal static class StepArguments
{
    public static void RequireCount(ParsedStep step, int min, int max)
    {
        var count = step.Arguments.Count;
        if (count >= min && count <= max)
        {
            return;
        }

        var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
        throw new TransformationSyntaxException(
            $"step {step.Position} '{step.Name}' takes {expected} argument(s), got {count}");
    }

    public static decimal Decimal(ParsedStep step, int index)
    {
        var text = step.Arguments[index];
        return DecimalText.TryParse(text, out var value)
            ? value
            : throw Bad(step, text, "is not a number");
    }

    public static int Integer(ParsedStep step, int index, int min, int max)
    {
        var text = step.Arguments[index];
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Bad(step, text, "is not an integer");
        }

        if (value < min || value > max)
        {
            throw Bad(step, text, $"must be between {min} and {max}");
        }

        return value;
    }

    public static string NonEmpty(ParsedStep step, int index)
    {
        var text = step.Arguments[index];
        return text.Length > 0 ? text : throw Bad(step, text, "must not be empty");
    }

    public static TransformationSyntaxException Bad(ParsedStep step, string argument, string problem) =>
        new($"step {step.Position} '{step.Name}': argument \"{argument}\" {problem}");
}
