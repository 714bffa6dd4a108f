using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Alerts;

/// <summary>Where alerts go and how hard the service tries (docs/alerts.md).</summary>
internal sealed class AlertOptions
{
    /// <summary>The operators' receiver (ALERT_WEBHOOK_URL); without it, alerts are only recorded and sent to organizations.</summary>
    public Uri? OperatorUrl { get; init; }

    /// <summary>Signs what goes to <see cref="OperatorUrl"/> (ALERT_WEBHOOK_SECRET); never logged.</summary>
    public string? OperatorSecret { get; init; }

    /// <summary>Alerts of one cause inside this window are one alert (ALERT_DEDUPE_MINUTES).</summary>
    public TimeSpan DedupeWindow { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Attempts per destination before a delivery is marked failed (ALERT_MAX_ATTEMPTS).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The first back-off; each later one doubles, up to <see cref="RetryMax"/> (ALERT_RETRY_BASE_SECONDS).</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long before a refresh token's hard expiry the organization is told (ALERT_REFRESH_EXPIRY_DAYS).</summary>
    public TimeSpan RefreshExpiryNotice { get; init; } = TimeSpan.FromDays(30);

    /// <summary>QBO reads the app may make in a month before Intuit throttles it (QBO_READ_BUDGET; the Builder tier's 500,000).</summary>
    public long ReadBudget { get; init; } = 500_000;

    /// <summary>Share of <see cref="ReadBudget"/> at which operators are warned, in percent (QBO_READ_ALERT_PERCENT).</summary>
    public int ReadAlertPercent { get; init; } = 80;

    /// <summary>How long a delivery attempt may take before it counts as failed.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often due deliveries are looked for when nothing wakes the worker.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often connections are checked for a refresh token nearing its hard expiry.</summary>
    public static readonly TimeSpan ExpirySweepInterval = TimeSpan.FromDays(1);

    /// <summary>How often connections that still must be reconnected are reminded of.</summary>
    public static readonly TimeSpan ReconnectReminderInterval = TimeSpan.FromDays(1);

    /// <summary>How often the month's QBO reads are compared with the budget.</summary>
    public static readonly TimeSpan ReadBudgetSweepInterval = TimeSpan.FromMinutes(5);

    public static AlertOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var url = Settings.Text(configuration, "ALERT_WEBHOOK_URL");
        var secret = Settings.Text(configuration, "ALERT_WEBHOOK_SECRET");
        var validUrl = Settings.CheckUrl("ALERT_WEBHOOK_URL", url, problems);
        if (validUrl && secret is null)
        {
            problems.Add("ALERT_WEBHOOK_SECRET: required with ALERT_WEBHOOK_URL, so the receiver can tell alerts are ours.");
        }

        var minutes = Settings.Integer(configuration, "ALERT_DEDUPE_MINUTES", 60, problems);
        var attempts = Settings.Integer(configuration, "ALERT_MAX_ATTEMPTS", 8, problems);
        var retrySeconds = Settings.Integer(configuration, "ALERT_RETRY_BASE_SECONDS", 30, problems);
        var expiryDays = Settings.Integer(configuration, "ALERT_REFRESH_EXPIRY_DAYS", 30, problems);
        var readBudget = Settings.Integer(configuration, "QBO_READ_BUDGET", 500_000, problems);
        var readPercent = Settings.Integer(configuration, "QBO_READ_ALERT_PERCENT", 80, problems);
        Range("QBO_READ_BUDGET", readBudget, 1, int.MaxValue, problems);
        Range("QBO_READ_ALERT_PERCENT", readPercent, 1, 99, problems);
        Range("ALERT_DEDUPE_MINUTES", minutes, 1, 7 * 24 * 60, problems);
        Range("ALERT_MAX_ATTEMPTS", attempts, 1, 50, problems);
        Range("ALERT_RETRY_BASE_SECONDS", retrySeconds, 1, 3600, problems);
        Range("ALERT_REFRESH_EXPIRY_DAYS", expiryDays, 1, 365, problems);
        return new AlertOptions
        {
            OperatorUrl = validUrl ? new Uri(url!) : null,
            OperatorSecret = secret,
            DedupeWindow = TimeSpan.FromMinutes(Math.Max(minutes, 1)),
            MaxAttempts = Math.Max(attempts, 1),
            RetryBase = TimeSpan.FromSeconds(Math.Max(retrySeconds, 1)),
            RefreshExpiryNotice = TimeSpan.FromDays(Math.Max(expiryDays, 1)),
            ReadBudget = Math.Max(readBudget, 1),
            ReadAlertPercent = Math.Clamp(readPercent, 1, 99),
        };
    }

    /// <summary>Back-off after <paramref name="attempts"/> failed attempts: base, doubled each time, capped.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 20));
        return TimeSpan.FromTicks((long)Math.Min(RetryBase.Ticks * factor, RetryMax.Ticks));
    }

    private static void Range(string name, int value, int min, int max, List<string> problems)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name}: {value} is outside {min}..{max}.");
        }
    }
}
