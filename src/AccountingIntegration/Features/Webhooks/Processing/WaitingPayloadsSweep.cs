using AccountingIntegration.Features.Connections;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Every <see cref="Interval"/>, on every instance, wakes in the organizations that are connected the payloads still
/// waiting for a connection (<see cref="WakeWaitingPayloads"/>) and those still waiting for a sale that is
/// booked (<see cref="WakeWaitingForSale"/>), and revives those whose wait expired before what is booked now under a name
/// they keep: their sale, or the refund a refund failure told first takes back (<see cref="ReviveExpiredSaleWaits"/>):
/// what the live wake-ups missed (an instance stopped just after a commit). Each is answered per organization from an
/// index range (the queue's organization and status, the expired waits' organization, then the ledger under the names
/// kept); nothing is written when nothing is due.
/// </summary>
internal sealed partial class WaitingPayloadsSweep(OAuthTokenStore connections, WakeWaitingPayloads forConnection, WakeWaitingForSale forSale, ReviveExpiredSaleWaits expiredSaleWaits,
    ServiceMetrics metrics, TimeProvider time, ILogger<WaitingPayloadsSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken) =>
        await SweepRound.EachAsync(await connections.ListConnectedOrganizationsAsync(cancellationToken), "organizations", async organizationId =>
        {
            metrics.SweepRecovered("waiting_connection", await forConnection.WakeAsync(organizationId, cancellationToken));
            metrics.SweepRecovered("waiting_sale", await forSale.WakeAsync(organizationId, cancellationToken));
            metrics.SweepRecovered("expired_sale_wait", await expiredSaleWaits.SweepAsync(organizationId, cancellationToken));
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sweep of waiting payloads failed; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
