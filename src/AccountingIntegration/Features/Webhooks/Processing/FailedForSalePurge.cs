using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// What a payload that failed for want of its sale waited for is kept as long as payloads are
/// (<see cref="RetentionOptions.PayloadDays"/>); after that the payload itself is gone and nothing can revive it.
/// </summary>
internal sealed class FailedForSalePurge(WebhookStore webhooks, RetentionOptions retention, TimeProvider time) : IRetentionTask
{
    public string Name => "failed-for-sale";

    public Task RunAsync(CancellationToken cancellationToken) =>
        webhooks.DeleteFailedForSaleOlderThanAsync(time.GetUtcNow().UtcDateTime.AddDays(-retention.PayloadDays), cancellationToken);
}
