using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Organizations;

/// <summary>
/// How an organization looks on the client's connect pages: its name and, when set, a logo. The logo's
/// address lives in the organization's settings under <see cref="LogoUrlKey"/>; it must be https, so a
/// page served over https never loads it insecurely and no other scheme (javascript:, data:) gets in.
/// </summary>
internal static class OrganizationBranding
{
    public const string LogoUrlKey = "logoUrl";
    public const int MaxLogoUrlLength = 2000;

    /// <summary>The logo to show, or null when none is set (or a stored value is not a valid https address).</summary>
    public static Uri? LogoUrl(JsonObject settings) =>
        settings[LogoUrlKey] is JsonValue value && value.TryGetValue<string>(out var text) && LogoUrlProblem(text) is null ? new Uri(text) : null;

    /// <summary>The logo address as stored, valid or not (for the form that edits it).</summary>
    public static string? StoredLogoUrl(JsonObject settings) =>
        settings[LogoUrlKey] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>What is wrong with a logo address, as the end of "The logo URL …", or null when it is fine.</summary>
    public static string? LogoUrlProblem(string text) =>
        text.Length > MaxLogoUrlLength ? $"must be at most {MaxLogoUrlLength} characters"
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? null
            : "must be a full https:// address, such as https://example.com/logo.png";

    /// <summary>The settings' logo entry checked: absent or null is fine, anything else must be an https address.</summary>
    public static string? SettingsProblem(JsonObject? settings) =>
        settings is null || !settings.TryGetPropertyValue(LogoUrlKey, out var node) || node is null ? null
        : node is JsonValue value && value.TryGetValue<string>(out var text) ? LogoUrlProblem(text)
        : "must be a text holding an https:// address";

    /// <summary>A copy of <paramref name="settings"/> with the logo set, or removed when <paramref name="logoUrl"/> is empty.</summary>
    public static JsonObject WithLogoUrl(JsonObject settings, string? logoUrl)
    {
        var copy = (JsonObject)settings.DeepClone();
        if (string.IsNullOrWhiteSpace(logoUrl))
        {
            copy.Remove(LogoUrlKey);
        }
        else
        {
            copy[LogoUrlKey] = logoUrl.Trim();
        }

        return copy;
    }
}
