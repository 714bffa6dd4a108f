using System.Globalization;

namespace QboSandbox.Accounting;

/// <summary>
/// `minorversion` is accepted on every request; values below 75 (or none, or garbage) mean 75, as QBO
/// does since August 2025 (REFERENCE §2.3).
/// </summary>
internal static class MinorVersion
{
    public const int Floor = 75;

    public static int Effective(HttpRequest request) =>
        int.TryParse(request.Query["minorversion"], NumberStyles.None, CultureInfo.InvariantCulture, out var requested)
            ? Math.Max(requested, Floor)
            : Floor;
}
