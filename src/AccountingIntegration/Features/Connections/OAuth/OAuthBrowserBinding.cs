using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>
/// Ties an OAuth state to the browser that started the flow. Starting sets an HttpOnly cookie with a
/// random nonce and the state carries only its hash; the callback needs the same cookie back. Without
/// it, an unused state of one organization plus a code from another tenant's consent would connect
/// the first organization to the second one's company.
/// </summary>
internal static class OAuthBrowserBinding
{
    public const string CookieName = "ai_oauth_binding";

    // Only the callback needs the cookie, so no other request carries it.
    public const string CallbackPath = "/api/v1/oauth/callback";

    /// <summary>Sets a fresh nonce cookie on the response and returns the hash to put in the state.</summary>
    public static string Bind(HttpContext http)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(CookieName, nonce, Options(http, OAuthStateService.Lifetime));
        return Hash(nonce);
    }

    /// <summary>Whether the request's cookie is the one whose hash the state carries.</summary>
    public static bool Matches(HttpContext http, string? expectedHash)
    {
        var nonce = http.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(expectedHash) || nonce.Length > 200)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(nonce)), Encoding.ASCII.GetBytes(expectedHash));
    }

    /// <summary>A nonce is good for one callback: it is removed whatever the outcome.</summary>
    public static void Clear(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(CookieName))
        {
            http.Response.Cookies.Delete(CookieName, Options(http, null));
        }
    }

    private static string Hash(string nonce) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    // Lax, not Strict: the callback is a top-level navigation coming back from Intuit's site.
    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = CallbackPath,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
