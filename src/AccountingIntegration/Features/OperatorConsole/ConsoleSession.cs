using AccountingIntegration.Features.Admin.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// The console's session: the same server-revocable operator JWT the API takes as a bearer token,
/// carried in an HttpOnly, SameSite cookie scoped to <c>/console</c>. Only console paths read the
/// cookie, so the JSON API never authenticates a request by cookie and stays out of reach of
/// cross-site forms; console forms carry a CSRF token (<see cref="ConsoleCsrf"/>).
/// </summary>
internal static class ConsoleSession
{
    public const string CookieName = "ai_console";
    public const string PathPrefix = "/console";

    public static bool IsConsolePath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A return address that stays inside the console: a local path, never another site (no open redirect).</summary>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
        && IsConsolePath(new PathString(url.Split('?', 2)[0]))
            ? url
            : PathPrefix;

    public static string? Token(HttpContext http) => http.Request.Cookies[CookieName];

    public static void Start(HttpContext http, AdminSession session) =>
        http.Response.Cookies.Append(CookieName, session.Token, Options(http, session.ExpiresAt));

    public static void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http, null));

    // Lax, not Strict: a link to a payload in an alert e-mail opens the console signed in; every
    // change is a POST, which Lax keeps from cross-site requests and the CSRF token guards as well.
    private static CookieOptions Options(HttpContext http, DateTime? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        Path = PathPrefix,
        Expires = expires is null ? null : new DateTimeOffset(expires.Value, TimeSpan.Zero),
        IsEssential = true,
    };

    /// <summary>
    /// Teaches the operators' JWT scheme to read the cookie on console paths, and to answer an
    /// anonymous or refused console request with the login or forbidden page instead of a bare 401/403.
    /// </summary>
    public static void AddConsoleSession(this IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var events = options.Events ??= new JwtBearerEvents();
            events.OnMessageReceived = context =>
            {
                if (!IsConsolePath(context.Request.Path))
                {
                    return Task.CompletedTask;
                }

                // The cookie is the console's only credential: an Authorization header is not read here.
                if (Token(context.HttpContext) is { Length: > 0 } token)
                {
                    context.Token = token;
                }
                else
                {
                    context.NoResult();
                }

                return Task.CompletedTask;
            };
            events.OnChallenge = context =>
            {
                if (IsConsolePath(context.Request.Path))
                {
                    context.HandleResponse();
                    var back = context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect(PathPrefix + "/login?returnUrl=" + Uri.EscapeDataString(back));
                }

                return Task.CompletedTask;
            };
            events.OnForbidden = context =>
            {
                if (IsConsolePath(context.Request.Path))
                {
                    context.Response.Redirect(PathPrefix + "/forbidden");
                }

                return Task.CompletedTask;
            };
        });
}
