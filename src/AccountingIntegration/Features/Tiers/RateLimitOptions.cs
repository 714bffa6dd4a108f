using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// Per-IP limits on routes without an API key: admin login (RATE_LIMIT_LOGIN_PER_MINUTE) and the
/// public routes, connect links and OAuth callback (RATE_LIMIT_PUBLIC_PER_MINUTE). 0 turns a limit off.
/// </summary>
internal sealed class RateLimitOptions
{
    public int LoginPerMinute { get; init; } = 10;

    public int PublicPerMinute { get; init; } = 60;

    public static RateLimitOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var options = new RateLimitOptions
        {
            LoginPerMinute = Settings.Integer(configuration, "RATE_LIMIT_LOGIN_PER_MINUTE", 10, problems),
            PublicPerMinute = Settings.Integer(configuration, "RATE_LIMIT_PUBLIC_PER_MINUTE", 60, problems),
        };
        foreach (var (name, value) in new[] { ("RATE_LIMIT_LOGIN_PER_MINUTE", options.LoginPerMinute), ("RATE_LIMIT_PUBLIC_PER_MINUTE", options.PublicPerMinute) })
        {
            if (value < 0)
            {
                problems.Add($"{name}: must be 0 (unlimited) or more (got {value}).");
            }
        }

        return options;
    }
}
