using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>QBO dates are exactly <c>yyyy-MM-dd</c>.</summary>
internal static class QboDates
{
    public static bool IsQboDate(string? text) =>
        text is { Length: 10 }
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
