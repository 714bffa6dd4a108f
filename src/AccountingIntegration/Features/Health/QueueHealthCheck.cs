using AccountingIntegration.Features.Webhooks.Processing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>
/// No claimable payload has waited longer than QUEUE_STALL_SECONDS: past that, no worker of any instance
/// is taking work (all stopped, stuck, or WORKER_CONCURRENCY=0 everywhere), and accepted webhooks pile up.
/// </summary>
internal sealed class QueueHealthCheck(QueueBacklog backlog, TimeProvider time, HealthOptions options) : BoundedHealthCheck(options)
{
    public const string Name = "queue";

    protected override async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (Options.QueueStallThreshold == TimeSpan.Zero)
        {
            return HealthCheckResult.Healthy("the stall check is off (QUEUE_STALL_SECONDS=0)");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var oldest = await backlog.OldestUnclaimedDueAsync(now, cancellationToken);
        var waited = oldest is { } due ? now - due : TimeSpan.Zero;
        return waited > Options.QueueStallThreshold
            ? HealthCheckResult.Unhealthy(
                $"a due payload has waited {waited.TotalSeconds:0} s unclaimed (QUEUE_STALL_SECONDS={Options.QueueStallThreshold.TotalSeconds:0})")
            : HealthCheckResult.Healthy();
    }
}
