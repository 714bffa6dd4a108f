using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Reads the date forms payloads use: ISO-8601 with or without offset, date-only, fractions up to nanoseconds
/// (Square), and Unix time in seconds or milliseconds as a number or numeric string.
/// A timestamp keeps the offset it was written with, so the calendar date is the one the seller saw
/// (2019-06-04T23:30:00-04:00 is 2019-06-04, not the UTC date 2019-06-05); Unix times have no offset and are UTC.
/// </summary>
internal static class DateInput
{
    // Below this, a Unix number is seconds (1e11 s is the year 5138); at or above, milliseconds (1e11 ms is 1973).
    private const decimal MillisecondsThreshold = 100_000_000_000m;

    // Most common first: the parser tries them in order.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryRead(in MappingValue value, out DateTimeOffset date)
    {
        date = default;
        return value.Kind switch
        {
            ValueKind.Number => TryFromUnix(value.Number, out date),
            ValueKind.String when IsUnixText(value.String) && DecimalText.TryParse(value.String, out var unix) => TryFromUnix(unix, out date),
            ValueKind.String => TryFromIso(value.String.Trim(), out date),
            _ => false,
        };
    }

    private static bool TryFromUnix(decimal unix, out DateTimeOffset date)
    {
        date = default;
        var milliseconds = Math.Abs(unix) >= MillisecondsThreshold ? unix : unix * 1000m;
        milliseconds = decimal.Truncate(milliseconds);
        if (milliseconds < -62_135_596_800_000m || milliseconds > 253_402_300_799_999m)
        {
            return false;
        }

        date = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        return true;
    }

    private static bool TryFromIso(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(
            TrimFraction(text),
            IsoFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out date);

    private static bool IsUnixText(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[0] == '-')
        {
            span = span[1..];
        }

        return span.Length > 0 && !span.ContainsAnyExcept("0123456789.");
    }

    /// <summary>.NET reads at most seven fraction digits; nanosecond timestamps carry nine.</summary>
    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        const int MaxDigits = 7;
        return end - dot - 1 <= MaxDigits ? text : string.Concat(text.AsSpan(0, dot + 1 + MaxDigits), text.AsSpan(end));
    }
}
