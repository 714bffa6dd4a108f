using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>formatDate[:format]</c>: reads any form <see cref="DateInput"/> knows and writes QBO's <c>yyyy-MM-dd</c>,
/// or the given .NET custom format (colons in it must be escaped, <c>HH\:mm</c>). Empty text counts as no value.
/// </summary>
internal sealed class FormatDateStep(string format) : ValueStep("formatDate")
{
    public const string QboDateFormat = "yyyy-MM-dd";

    public static FormatDateStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 0, 1);
        if (step.Arguments.Count == 0)
        {
            return new FormatDateStep(QboDateFormat);
        }

        var format = StepArguments.NonEmpty(step, 0);
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw StepArguments.Bad(step, format, "is not a valid .NET date format");
        }
        return new FormatDateStep(format);
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        if (input.Kind == ValueKind.String && string.IsNullOrWhiteSpace(input.String))
        {
            return MappingValue.Null;
        }

        if (!DateInput.TryRead(input, out var date))
        {
            throw new StepFailedException("not an ISO-8601 date or a Unix time");
        }

        return MappingValue.FromString(date.ToString(format, CultureInfo.InvariantCulture));
    }
}
