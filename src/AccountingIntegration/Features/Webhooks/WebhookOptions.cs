using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>Limits on incoming webhooks and the size of the worker pool.</summary>
internal sealed class WebhookOptions
{
    public int MaxBytes { get; init; } = 1024 * 1024;

    public int MaxDepth { get; init; } = 64;

    public int WorkerConcurrency { get; init; } = 4;

    /// <summary>Attempts before a payload that keeps failing transiently is dead (WEBHOOK_MAX_ATTEMPTS).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>First retry delay; it doubles per attempt up to <see cref="RetryMaxDelay"/> (WEBHOOK_RETRY_BASE_SECONDS).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest retry delay (WEBHOOK_RETRY_MAX_SECONDS).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a worker owns a claimed payload before others may take it (WORKER_LEASE_SECONDS).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a refund, payment or cancellation waits for its sale to be booked before it fails with
    /// DEPENDENCY_MISSING (WEBHOOK_DEPENDENCY_WAIT_SECONDS): vendors deliver out of order, and retries of a sale that
    /// failed for a while can take hours.
    /// </summary>
    public TimeSpan DependencyWait { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The shortest lease that outlasts one QBO call: the client tries a call up to four times, each attempt
    /// up to <paramref name="qboRequestTimeout"/>, with 1 s, 2 s and 4 s between them, plus a margin.
    /// </summary>
    /// <param name="qboRequestTimeout">Time allowed for one attempt of one QBO call (QBO_REQUEST_TIMEOUT_SECONDS).</param>
    public static TimeSpan MinimumLease(TimeSpan qboRequestTimeout) => (4 * qboRequestTimeout) + TimeSpan.FromSeconds(10);

    /// <param name="configuration">The service's settings.</param>
    /// <param name="qboRequestTimeout">Time allowed for one attempt of one QBO call, bound before these settings.</param>
    /// <param name="problems">Where each problem is recorded.</param>
    public static WebhookOptions Bind(IConfiguration configuration, TimeSpan qboRequestTimeout, List<string> problems)
    {
        var options = new WebhookOptions
        {
            MaxBytes = Settings.Integer(configuration, "WEBHOOK_MAX_BYTES", 1024 * 1024, problems),
            MaxDepth = Settings.Integer(configuration, "WEBHOOK_MAX_DEPTH", 64, problems),
            WorkerConcurrency = Settings.Integer(configuration, "WORKER_CONCURRENCY", 4, problems),
            MaxAttempts = Settings.Integer(configuration, "WEBHOOK_MAX_ATTEMPTS", 8, problems),
            RetryBaseDelay = TimeSpan.FromSeconds(Settings.Integer(configuration, "WEBHOOK_RETRY_BASE_SECONDS", 30, problems)),
            RetryMaxDelay = TimeSpan.FromSeconds(Settings.Integer(configuration, "WEBHOOK_RETRY_MAX_SECONDS", 3600, problems)),
            LeaseDuration = TimeSpan.FromSeconds(Settings.Integer(configuration, "WORKER_LEASE_SECONDS", 300, problems)),
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

        // A lease that ends while its worker still waits on QBO lets a second worker take the same payload.
        var minimumLease = MinimumLease(qboRequestTimeout);
        if (options.LeaseDuration < minimumLease)
        {
            problems.Add($"WORKER_LEASE_SECONDS: {options.LeaseDuration.TotalSeconds:0} is shorter than one QBO call may take with "
                + $"QBO_REQUEST_TIMEOUT_SECONDS={qboRequestTimeout.TotalSeconds:0} (4 attempts and back-off); use at least {minimumLease.TotalSeconds:0} or lower the time-out.");
        }

        return options;
    }
}
