using System.Globalization;

namespace AccountingIntegration.Infrastructure.Configuration;

/// <summary>
/// Reads the service's flat, upper-case settings (<c>DATABASE_URL</c>, <c>PORT</c>…) from any
/// configuration source: environment variables in production, <c>--DATABASE_URL=…</c> on the
/// command line, or <c>UseSetting</c> in tests. Parsing problems are collected, not thrown,
/// so that start-up reports every bad variable at once.
/// </summary>
internal static class Settings
{
    public static string? Text(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static int Integer(IConfiguration configuration, string name, int fallback, ICollection<string> problems)
    {
        var text = Text(configuration, name);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{name}: '{text}' is not a whole number.");
        return fallback;
    }

    public static bool Boolean(IConfiguration configuration, string name, bool fallback, ICollection<string> problems)
    {
        var text = Text(configuration, name);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return fallback;
            case "true" or "1" or "yes" or "on":
                return true;
            case "false" or "0" or "no" or "off":
                return false;
            default:
                problems.Add($"{name}: '{text}' is not true or false.");
                return fallback;
        }
    }

    public static IReadOnlyList<string> List(IConfiguration configuration, string name) =>
        (Text(configuration, name) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True for an absolute http(s) URL; otherwise records one problem naming the variable.</summary>
    public static bool CheckUrl(string name, string? value, ICollection<string> problems)
    {
        if (value is null)
        {
            return false;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        problems.Add($"{name}: '{value}' is not an absolute http(s) URL.");
        return false;
    }
}
