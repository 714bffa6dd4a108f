using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// What a payload whose wait for its sale expired waited for is kept as long as payloads are
/// (<see cref="RetentionOptions.PayloadDays"/>); after that the payload itself is gone and nothing can revive it.
/// </summary>
internal sealed class ExpiredSaleWaitPurge(WebhookStore webhooks, RetentionOptions retention, TimeProvider time) : IRetentionTask
{
    public string Name => "expired-sale-waits";

    public Task RunAsync(CancellationToken cancellationToken) =>
        webhooks.DeleteExpiredSaleWaitsOlderThanAsync(time.GetUtcNow().UtcDateTime.AddDays(-retention.PayloadDays), cancellationToken);
}
