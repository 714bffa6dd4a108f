using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// Removes credentials from text bound for a log: the secret segment of connect-token paths, our
/// API keys and connect tokens wherever they appear, secret query parameters (OAuth's code and
/// state…) and Authorization values. Applied to every message, property, scope and exception of
/// every logger, so framework lines (request starting, route matching) are covered too.
/// </summary>
internal static partial class LogRedaction
{
    public const string Mask = "[redacted]";

    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // The path segment is secret whatever it looks like: a mistyped token is still mostly a token.
        text = SecretPathSegment().Replace(text, "$1" + Mask);
        text = IssuedSecret().Replace(text, "$1" + Mask);
        text = SecretQueryValue().Replace(text, "$1" + Mask);
        return AuthorizationValue().Replace(text, "$1 " + Mask);
    }

    /// <summary>A scope or property value as it will be written, redacted; null when it holds nothing secret.</summary>
    public static string? RedactedText(object? value)
    {
        if (NeverSecret(value))
        {
            return null;
        }

        var text = value.ToString() ?? string.Empty;
        var redacted = Redact(text);
        return ReferenceEquals(text, redacted) || text == redacted ? null : redacted;
    }

    /// <summary>Values whose text cannot hold a credential: numbers, dates, ids and flags are written as they are.</summary>
    public static bool NeverSecret([NotNullWhen(false)] object? value) =>
        value is null or bool or int or long or short or byte or double or float or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum;

    // Route templates ("/connect-tokens/{token}") name the parameter, not its value; they stay readable. The client's
    // connect and reconnect pages (/connect/{token}, /reconnect/{token}) carry the token too; /api/v1/connect/{slug} does not.
    [GeneratedRegex(@"(/connect-tokens/|/connect/token/|(?<!/v1)/connect/|/reconnect/)(?!\{)[^/?#\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPathSegment();

    [GeneratedRegex($@"\b({SecretTokens.ApiKeyPrefix}|{SecretTokens.ConnectTokenPrefix})[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex IssuedSecret();

    [GeneratedRegex(@"([?&](?:code|state|token|access_token|refresh_token|id_token|api_key|apikey|key|signature|sig|secret|client_secret|password)=)[^&#\s""']*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretQueryValue();

    [GeneratedRegex(@"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();
}
