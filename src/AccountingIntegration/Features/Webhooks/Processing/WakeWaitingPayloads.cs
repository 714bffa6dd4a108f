using AccountingIntegration.Features.Connections;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// When an organization connects its company, its payloads parked as waiting_connection become due
/// at once and the workers are woken. Parked a year ahead, they would otherwise stay parked whenever that wake-up was
/// missed (the instance stopped just after storing the connection, the wake-up failed, or a payload was parked just
/// after it ran), so <see cref="WaitingPayloadsSweep"/> does the same for the connected organizations now and then.
/// </summary>
internal sealed partial class WakeWaitingPayloads(WebhookStore webhooks, WorkSignal signal, ILogger<WakeWaitingPayloads> logger)
    : ICompanyConnectedHandler
{
    public Task HandleAsync(CompanyConnected connected, CancellationToken cancellationToken) => WakeAsync(connected.OrganizationId, cancellationToken);

    /// <summary>Makes the organization's payloads that wait for a connection due now; returns how many.</summary>
    public async Task<int> WakeAsync(string organizationId, CancellationToken cancellationToken)
    {
        var requeued = await webhooks.RequeueWaitingForConnectionAsync(organizationId, cancellationToken);
        if (requeued > 0)
        {
            signal.Notify();
            LogRequeued(logger, requeued, organizationId);
        }

        return requeued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Requeued} payloads that waited for a connection are due again for organization {OrganizationId}")]
    private static partial void LogRequeued(ILogger logger, int requeued, string organizationId);
}
