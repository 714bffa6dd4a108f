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

    public static bool TryRead(in MappingValue value, out DateTimeOffset date) => TryRead(value, out date, out _);

    /// <summary>
    /// As <see cref="TryRead(in MappingValue, out DateTimeOffset)"/>, and says whether the value is an instant:
    /// a Unix time or a timestamp written with an offset or <c>Z</c>. A date-only value or a timestamp without
    /// offset is a wall-clock reading in the sender's own zone; it is read as if UTC, but is no instant.
    /// </summary>
    public static bool TryRead(in MappingValue value, out DateTimeOffset date, out bool isInstant)
    {
        date = default;
        isInstant = value.Kind == ValueKind.Number || (value.Kind == ValueKind.String && (IsUnixText(value.String) || HasOffset(value.String.Trim())));
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
        TryFromPlainTimestamp(text, out date) || DateTimeOffset.TryParseExact(
            TrimFraction(text),
            IsoFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out date);

    /// <summary>
    /// The form almost every payload uses, <c>2008-01-10T11:00:00-05:00</c> or <c>…Z</c>, read without the general parser,
    /// which tries each format in turn and was most of a date's cost. Anything else, or anything out of range here,
    /// is left to <see cref="DateTimeOffset.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>,
    /// so what this accepts is exactly what that would.
    /// </summary>
    private static bool TryFromPlainTimestamp(string text, out DateTimeOffset date)
    {
        date = default;
        var zulu = text.Length == 20 && text[19] == 'Z';
        if (!zulu && !(text.Length == 25 && text[19] is '+' or '-' && text[22] == ':'))
        {
            return false;
        }

        if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        var offsetHours = 0;
        var offsetMinutes = 0;
        if (!zulu && (!TryDigits(text, 20, 2, out offsetHours) || !TryDigits(text, 23, 2, out offsetMinutes)))
        {
            return false;
        }

        // Years at the ends of the calendar are left to the general parser, whose offset arithmetic decides them.
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59 || (offsetHours == 14 && offsetMinutes > 0))
        {
            return false;
        }

        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        date = new DateTimeOffset(year, month, day, hour, minute, second, text[19] == '-' ? -offset : offset);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    /// <summary>An offset or <c>Z</c> can only follow the time, which starts after the ten characters of the date.</summary>
    private static bool HasOffset(string text) =>
        text.Length > 10 && text.AsSpan(11).IndexOfAny('+', '-', 'Z') >= 0;

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
