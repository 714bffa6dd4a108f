using System.Security.Cryptography;
using System.Text;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Html;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// CSRF tokens for console forms: an HMAC of the session cookie (or, before login, of a random
/// pre-session cookie) under a key derived from JWT_SECRET. Stateless, so it verifies on every
/// instance and across restarts without a shared data-protection key ring; a page posted from
/// another site cannot know it because it cannot read the HttpOnly cookie it is derived from.
/// </summary>
internal sealed class ConsoleCsrf(SecurityOptions security)
{
    public const string FieldName = "__csrf";
    public const string HeaderName = "X-CSRF-Token";
    private const string SeedCookie = "ai_console_csrf";
    private static readonly object SeedKey = new();

    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(security.JwtSecret), "console-csrf"u8);

    /// <summary>The token this browser's forms must carry; sets the pre-session cookie when there is no session.</summary>
    public string TokenFor(HttpContext http) => Sign(Seed(http, create: true)!);

    /// <summary>A hidden form field with the token.</summary>
    public IHtmlContent Field(HttpContext http) =>
        new HtmlString($"<input type=\"hidden\" name=\"{FieldName}\" value=\"{TokenFor(http)}\">");

    public bool IsValid(HttpContext http, string? presented)
    {
        var seed = Seed(http, create: false);
        return seed is not null && presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(seed)), Encoding.ASCII.GetBytes(presented));
    }

    private string Sign(string seed) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(seed)));

    private static string? Seed(HttpContext http, bool create)
    {
        if (ConsoleSession.Token(http) is { Length: > 0 } session)
        {
            return session;
        }

        if (http.Items[SeedKey] is string issued)
        {
            return issued;
        }

        if (http.Request.Cookies[SeedCookie] is { Length: > 0 } stored)
        {
            return stored;
        }

        if (!create)
        {
            return null;
        }

        var seed = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        http.Items[SeedKey] = seed;
        http.Response.Cookies.Append(SeedCookie, seed, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = ConsoleSession.PathPrefix,
            IsEssential = true,
        });
        return seed;
    }
}
