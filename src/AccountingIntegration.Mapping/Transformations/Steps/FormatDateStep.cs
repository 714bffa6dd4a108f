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

        return MappingValue.FromString(format == QboDateFormat ? QboDate(date) : date.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>yyyy-MM-dd written directly: the custom-format machinery cost as much as reading the date.</summary>
    private static string QboDate(DateTimeOffset date)
    {
        return string.Create(10, (year: date.Year, month: date.Month, day: date.Day), static (span, parts) =>
        {
            parts.year.TryFormat(span[..4], out _, "D4", CultureInfo.InvariantCulture);
            span[4] = '-';
            parts.month.TryFormat(span[5..7], out _, "D2", CultureInfo.InvariantCulture);
            span[7] = '-';
            parts.day.TryFormat(span[8..], out _, "D2", CultureInfo.InvariantCulture);
        });
    }
}
