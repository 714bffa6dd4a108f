namespace AccountingIntegration.Infrastructure.Batching;

internal static partial class BatchingLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing a batch of {Count} {Sink} entries failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string sink, int attempt, long delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown ended before {Count} {Sink} entries could be written")]
    public static partial void BatchAbandoned(ILogger logger, int count, string sink);
}
