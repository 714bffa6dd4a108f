using AccountingIntegration.Features.Connections;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Every <see cref="Interval"/>, on every instance, wakes in the organizations that are connected the payloads still
/// waiting for a connection (<see cref="WakeWaitingPayloads"/>) and those still waiting for a sale that is
/// booked (<see cref="WakeWaitingForSale"/>): what the live wake-ups missed. Each is answered per organization
/// from the queue's (organization, status) index; nothing is written when nothing is due.
/// </summary>
internal sealed partial class WaitingPayloadsSweep(OAuthTokenStore connections, WakeWaitingPayloads forConnection, WakeWaitingForSale forSale, ServiceMetrics metrics,
    TimeProvider time, ILogger<WaitingPayloadsSweep> logger) : BackgroundService
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

    /// <summary>
    /// One organization whose wake-up fails (a lock it cannot get, a row it cannot move) does not hold up the others that
    /// come after it, round after round: the round goes on, and says once how many failed.
    /// </summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var (failed, first) = (0, (Exception?)null);
        foreach (var organizationId in await connections.ListConnectedOrganizationsAsync(cancellationToken))
        {
            try
            {
                metrics.SweepRecovered("waiting_connection", await forConnection.WakeAsync(organizationId, cancellationToken));
                metrics.SweepRecovered("waiting_sale", await forSale.WakeAsync(organizationId, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (failed, first) = (failed + 1, first ?? e);
            }
        }

        if (first is not null)
        {
            LogOrganizationsFailed(logger, failed, first);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking payloads that wait for a connection or a sale failed; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Waking payloads that wait for a connection or a sale failed in {Failed} organizations (the first one's error is attached); the next round tries them again")]
    private static partial void LogOrganizationsFailed(ILogger logger, int failed, Exception exception);
}
