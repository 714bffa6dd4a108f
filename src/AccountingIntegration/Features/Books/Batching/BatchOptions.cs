using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>How documents for one company are put into QBO batch requests (docs/books.md, "Batches").</summary>
internal sealed class BatchOptions
{
    /// <summary>Items per batch request at most (QBO_BATCH_SIZE): 30 is Intuit's current limit (REFERENCE §7); 1 turns batching off.</summary>
    public int MaxItems { get; init; } = 30;

    /// <summary>
    /// Create requests one instance keeps in flight per company (QBO_BATCH_SENDERS). A document goes out at once while
    /// fewer are in flight; documents that arrive meanwhile wait and leave together as one batch.
    /// </summary>
    public int SendersPerCompany { get; init; } = 2;

    /// <summary>
    /// Batch requests one instance sends per company and minute (QBO_BATCH_REQUESTS_PER_MINUTE): Intuit allows 40
    /// (REFERENCE §6). Once they are spent, waiting documents go out one by one within the 500 requests a minute.
    /// </summary>
    public int BatchesPerMinute { get; init; } = 40;

    /// <summary>How long stored batches are kept for an unknown outcome to be settled (QBO_BATCH_RETENTION_DAYS).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <param name="configuration">The service's settings.</param>
    /// <param name="problems">Where each problem is recorded.</param>
    public static BatchOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var options = new BatchOptions
        {
            MaxItems = Settings.Integer(configuration, "QBO_BATCH_SIZE", 30, problems),
            SendersPerCompany = Settings.Integer(configuration, "QBO_BATCH_SENDERS", 2, problems),
            BatchesPerMinute = Settings.Integer(configuration, "QBO_BATCH_REQUESTS_PER_MINUTE", 40, problems),
            Retention = TimeSpan.FromDays(Settings.Integer(configuration, "QBO_BATCH_RETENTION_DAYS", 30, problems)),
        };
        if (options.MaxItems is < 1 or > 30)
        {
            problems.Add($"QBO_BATCH_SIZE: {options.MaxItems} is outside 1..30 (Intuit takes at most 30 items a batch; 1 turns batching off).");
        }

        if (options.SendersPerCompany is < 1 or > 10)
        {
            problems.Add($"QBO_BATCH_SENDERS: {options.SendersPerCompany} is outside 1..10 (Intuit refuses an 11th concurrent request).");
        }

        if (options.BatchesPerMinute is < 1 or > 120)
        {
            problems.Add($"QBO_BATCH_REQUESTS_PER_MINUTE: {options.BatchesPerMinute} is outside 1..120.");
        }

        if (options.Retention < TimeSpan.FromDays(1) || options.Retention > TimeSpan.FromDays(3650))
        {
            problems.Add("QBO_BATCH_RETENTION_DAYS: must be between 1 and 3650.");
        }

        return options;
    }
}
