namespace AccountingIntegration.Infrastructure.Batching;

/// <summary>How a <see cref="BatchWriter{T}"/> groups writes.</summary>
internal sealed record BatchWriterOptions
{
    /// <summary>Items the channel holds before writers fall back to writing through.</summary>
    public int Capacity { get; init; } = 10_000;

    public int MaxBatchSize { get; init; } = 500;

    /// <summary>Longest time an item waits for companions before its batch is written.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest pause between retries of a batch that failed.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);
}
