using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>Limits on incoming webhooks and the size of the worker pool.</summary>
internal sealed class WebhookOptions
{
    public int MaxBytes { get; init; } = 1024 * 1024;

    public int MaxDepth { get; init; } = 64;

    public int WorkerConcurrency { get; init; } = 16;

    /// <summary>Attempts before a payload that keeps failing transiently is dead (WEBHOOK_MAX_ATTEMPTS).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>First retry delay; it doubles per attempt up to <see cref="RetryMaxDelay"/> (WEBHOOK_RETRY_BASE_SECONDS).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest retry delay (WEBHOOK_RETRY_MAX_SECONDS).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claimed payload stays its worker's without a renewal (WORKER_LEASE_SECONDS); the worker renews it every
    /// third of that while it works, so this is how soon a crashed worker's payloads are due again.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a refund, payment or cancellation waits for its sale to be booked before it fails with
    /// DEPENDENCY_MISSING (WEBHOOK_DEPENDENCY_WAIT_SECONDS): vendors deliver out of order, and retries of a sale that
    /// failed for a while can take hours.
    /// </summary>
    public TimeSpan DependencyWait { get; init; } = TimeSpan.FromHours(24);

    /// <param name="configuration">The service's settings.</param>
    /// <param name="problems">Where each problem is recorded.</param>
    public static WebhookOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var options = new WebhookOptions
        {
            MaxBytes = Settings.Integer(configuration, "WEBHOOK_MAX_BYTES", 1024 * 1024, problems),
            MaxDepth = Settings.Integer(configuration, "WEBHOOK_MAX_DEPTH", 64, problems),
            WorkerConcurrency = Settings.Integer(configuration, "WORKER_CONCURRENCY", 16, problems),
            MaxAttempts = Settings.Integer(configuration, "WEBHOOK_MAX_ATTEMPTS", 8, problems),
            RetryBaseDelay = TimeSpan.FromSeconds(Settings.Integer(configuration, "WEBHOOK_RETRY_BASE_SECONDS", 30, problems)),
            RetryMaxDelay = TimeSpan.FromSeconds(Settings.Integer(configuration, "WEBHOOK_RETRY_MAX_SECONDS", 3600, problems)),
            LeaseDuration = TimeSpan.FromSeconds(Settings.Integer(configuration, "WORKER_LEASE_SECONDS", 30, problems)),
            DependencyWait = TimeSpan.FromSeconds(Settings.Integer(configuration, "WEBHOOK_DEPENDENCY_WAIT_SECONDS", 86400, problems)),
        };
        if (options.MaxBytes is < 1024 or > 64 * 1024 * 1024)
        {
            problems.Add($"WEBHOOK_MAX_BYTES: {options.MaxBytes} is outside 1024..67108864.");
        }

        if (options.MaxDepth is < 2 or > 256)
        {
            problems.Add($"WEBHOOK_MAX_DEPTH: {options.MaxDepth} is outside 2..256.");
        }

        if (options.WorkerConcurrency is < 0 or > 256)
        {
            problems.Add($"WORKER_CONCURRENCY: {options.WorkerConcurrency} is outside 0..256 (0 turns the workers off).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            problems.Add($"WEBHOOK_MAX_ATTEMPTS: {options.MaxAttempts} is outside 1..100.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            problems.Add("WEBHOOK_RETRY_BASE_SECONDS / WEBHOOK_RETRY_MAX_SECONDS: the base must be positive and not above the maximum.");
        }

        if (options.DependencyWait < TimeSpan.Zero || options.DependencyWait > TimeSpan.FromDays(30))
        {
            problems.Add("WEBHOOK_DEPENDENCY_WAIT_SECONDS: must be between 0 and 2592000 (30 days).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(6) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            problems.Add($"WORKER_LEASE_SECONDS: {options.LeaseDuration.TotalSeconds:0} is outside 6..3600 (it is renewed every third of it while a payload is processed).");
        }

        return options;
    }
}
