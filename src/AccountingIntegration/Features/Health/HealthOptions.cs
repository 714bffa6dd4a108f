using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Health;

/// <summary>Thresholds of the readiness probe, <c>GET /health/ready</c>.</summary>
internal sealed class HealthOptions
{
    /// <summary>
    /// How long a claimable payload may wait unclaimed before the queue counts as stalled (QUEUE_STALL_SECONDS);
    /// zero turns the queue check off.
    /// </summary>
    public TimeSpan QueueStallThreshold { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long each readiness check may take before it counts as failed (HEALTH_CHECK_TIMEOUT_SECONDS).</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <param name="configuration">The service's settings.</param>
    /// <param name="problems">Where each problem is recorded.</param>
    public static HealthOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var stall = Settings.Integer(configuration, "QUEUE_STALL_SECONDS", 600, problems);
        var timeout = Settings.Integer(configuration, "HEALTH_CHECK_TIMEOUT_SECONDS", 3, problems);
        if (stall is < 0 or > 604800)
        {
            problems.Add($"QUEUE_STALL_SECONDS: {stall} is outside 0..604800 (0 turns the queue check off).");
        }

        if (timeout is < 1 or > 60)
        {
            problems.Add($"HEALTH_CHECK_TIMEOUT_SECONDS: {timeout} is outside 1..60.");
        }

        return new HealthOptions
        {
            QueueStallThreshold = TimeSpan.FromSeconds(Math.Clamp(stall, 0, 604800)),
            CheckTimeout = TimeSpan.FromSeconds(Math.Clamp(timeout, 1, 60)),
        };
    }
}
