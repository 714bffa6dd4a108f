namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// When a transiently failed payload is tried again: base × 2^(attempt−1), capped, with ±20 %
/// jitter so a burst of failures does not come back as a burst. With the defaults (30 s base,
/// 1 h cap, 8 attempts) the waits are about 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min,
/// then the payload is dead — about an hour of trying in all. QBO's Retry-After, when longer, wins.
/// </summary>
internal sealed class RetrySchedule(WebhookOptions options)
{
    public bool HasAttemptsLeft(int attemptsMade) => attemptsMade < options.MaxAttempts;

    public TimeSpan DelayAfter(int attemptsMade, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var baseDelay = TimeSpan.FromTicks((long)Math.Min(options.RetryMaxDelay.Ticks, options.RetryBaseDelay.Ticks * Math.Pow(2, exponent)));
        var jittered = baseDelay * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
