using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Every <see cref="Interval"/>, on every instance, wakes the payloads still waiting for a connection in organizations
/// that are connected (<see cref="WakeWaitingPayloads.SweepAsync"/>). One query per connected organization, answered
/// from the queue's (organization, status) index; nothing is written when nothing waits.
/// </summary>
internal sealed partial class WaitingPayloadsSweep(WakeWaitingPayloads wake, ServiceMetrics metrics, TimeProvider time, ILogger<WaitingPayloadsSweep> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                metrics.SweepRecovered("waiting_connection", await wake.SweepAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking payloads that wait for a connection failed; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
