using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Counts;

/// <summary>Runs after the partition maintenance has deleted expired payloads: their counters go with them.</summary>
internal sealed class PayloadCountRetention(PayloadCountRollup rollup) : IRetentionTask
{
    public string Name => "payload-counts";

    public Task RunAsync(CancellationToken cancellationToken) => rollup.ForgetDeletedAsync(cancellationToken);
}
