using System.Threading.RateLimiting;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// Chooses the limit a request counts against. By path rather than per-endpoint policies, so
/// routes added later under a limited prefix are covered without each feature remembering:
/// login and the credential-less public routes (the client's connect pages among them) per client IP; anything with a known API key per
/// key at its organization's tier; an unknown key per IP like a public route; the rest unlimited.
/// </summary>
internal static class RateLimitPartitions
{
    public const string LoginPath = "/api/admin/auth/login";

    public const string OAuthCallbackPath = "/api/v1/oauth/callback";

    /// <summary>
    /// Routes anyone can call without a credential. The client's connect and reconnect pages check their link with the
    /// public API's own check, so they share its bucket: a guesser gains nothing by asking the page instead of the API.
    /// </summary>
    private static readonly PathString[] PublicPrefixes = ["/api/public", "/api/v1/connect/token", OAuthCallbackPath, "/connect", "/reconnect"];

    public static RateLimitPartition<string> For(HttpContext http, PlanTierOptions tiers, RateLimitOptions limits, TimeProvider clock)
    {
        var path = http.Request.Path;
        if (IsLogin(path))
        {
            return PerMinute("login:" + ClientIp(http), limits.LoginPerMinute, clock);
        }

        // Its own bucket: Intuit sends the browser back here, and a burst of public lookups from the same
        // office IP must not make a person's just-finished consent fail.
        if (path.StartsWithSegments(OAuthCallbackPath, StringComparison.OrdinalIgnoreCase))
        {
            return PerMinute("oauth-callback:" + ClientIp(http), limits.PublicPerMinute, clock);
        }

        if (IsPublic(path))
        {
            return PerMinute("public:" + ClientIp(http), limits.PublicPerMinute, clock);
        }

        if (ApiKeyCaller.Of(http) is not { } caller)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        if (caller.KeyId is null)
        {
            return PerMinute("public:" + ClientIp(http), limits.PublicPerMinute, clock);
        }

        // The tier is part of the partition key, so a plan change starts a fresh window at the new rate.
        var tier = tiers.For(caller.PlanTier);
        return PerMinute($"key:{caller.KeyId}:{tier.Name}:{tier.RequestsPerMinute}", tier.RequestsPerMinute, clock);
    }

    public static bool IsLogin(PathString path) => path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>A credential-less route, limited per client IP.</summary>
    public static bool IsPublic(PathString path) => PublicPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static RateLimitPartition<string> PerMinute(string partition, int permits, TimeProvider clock) =>
        permits == 0
            ? RateLimitPartition.GetNoLimiter(partition)
            : RateLimitPartition.Get(partition, _ => new WindowLimiter(permits, TimeSpan.FromMinutes(1), clock));

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
