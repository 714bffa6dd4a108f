using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>QBO dates are exactly <c>yyyy-MM-dd</c>.</summary>
internal static class QboDates
{
    // Every draft's dates are checked: a plain valid date is recognised directly, and only what that does not accept
    // goes to the general parser, so the answer is always the parser's.
    public static bool IsQboDate(string? text) =>
        text is { Length: 10 }
        && (IsPlainValidDate(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    private static bool IsPlainValidDate(string text) =>
        text[4] == '-' && text[7] == '-'
        && TryDigits(text.AsSpan(0, 4), out var year) && TryDigits(text.AsSpan(5, 2), out var month) && TryDigits(text.AsSpan(8, 2), out var day)
        && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
