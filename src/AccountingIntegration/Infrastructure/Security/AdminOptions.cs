using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>Operator sign-in: lockout, password rules, hashing cost, token lifetime.</summary>
internal sealed class AdminOptions
{
    public int LockoutThreshold { get; init; } = 5;

    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    public int MinimumPasswordLength { get; init; } = 12;

    /// <summary>BCrypt work factor: 12 ≈ a quarter second per check on a server core; tests lower it.</summary>
    public int BcryptCost { get; init; } = 12;

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(8);

    public static AdminOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var options = new AdminOptions
        {
            LockoutThreshold = Settings.Integer(configuration, "ADMIN_LOCKOUT_THRESHOLD", 5, problems),
            LockoutDuration = TimeSpan.FromMinutes(Settings.Integer(configuration, "ADMIN_LOCKOUT_MINUTES", 15, problems)),
            MinimumPasswordLength = Settings.Integer(configuration, "ADMIN_PASSWORD_MIN_LENGTH", 12, problems),
            BcryptCost = Settings.Integer(configuration, "ADMIN_BCRYPT_COST", 12, problems),
            TokenLifetime = TimeSpan.FromMinutes(Settings.Integer(configuration, "ADMIN_TOKEN_MINUTES", 480, problems)),
        };
        if (options.LockoutThreshold is < 1 or > 100)
        {
            problems.Add($"ADMIN_LOCKOUT_THRESHOLD: {options.LockoutThreshold} is outside 1..100.");
        }

        if (options.MinimumPasswordLength is < 8 or > 128)
        {
            problems.Add($"ADMIN_PASSWORD_MIN_LENGTH: {options.MinimumPasswordLength} is outside 8..128.");
        }

        if (options.BcryptCost is < 4 or > 16)
        {
            problems.Add($"ADMIN_BCRYPT_COST: {options.BcryptCost} is outside 4..16.");
        }

        if (options.TokenLifetime < TimeSpan.FromMinutes(5) || options.TokenLifetime > TimeSpan.FromDays(7))
        {
            problems.Add("ADMIN_TOKEN_MINUTES: must be between 5 and 10080.");
        }

        return options;
    }
}
