namespace AccountingIntegration.Infrastructure.Configuration;

/// <summary>Limits on incoming webhooks and the size of the worker pool.</summary>
internal sealed class WebhookOptions
{
    public int MaxBytes { get; init; } = 1024 * 1024;

    public int MaxDepth { get; init; } = 64;

    public int WorkerConcurrency { get; init; } = 4;

    public static WebhookOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var options = new WebhookOptions
        {
            MaxBytes = Settings.Integer(configuration, "WEBHOOK_MAX_BYTES", 1024 * 1024, problems),
            MaxDepth = Settings.Integer(configuration, "WEBHOOK_MAX_DEPTH", 64, problems),
            WorkerConcurrency = Settings.Integer(configuration, "WORKER_CONCURRENCY", 4, problems),
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

        return options;
    }
}
