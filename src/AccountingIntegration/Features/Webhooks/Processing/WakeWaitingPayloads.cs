using AccountingIntegration.Features.Connections;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// When an organization connects its company, its payloads parked as waiting_connection become due
/// at once and the workers are woken.
/// </summary>
internal sealed partial class WakeWaitingPayloads(WebhookStore webhooks, WorkSignal signal, ILogger<WakeWaitingPayloads> logger) : ICompanyConnectedHandler
{
    public async Task HandleAsync(CompanyConnected connected, CancellationToken cancellationToken)
    {
        var requeued = await webhooks.RequeueWaitingForConnectionAsync(connected.OrganizationId, cancellationToken);
        if (requeued > 0)
        {
            signal.Notify();
            LogRequeued(logger, requeued, connected.OrganizationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Requeued} payloads that waited for a connection are due again for organization {OrganizationId}")]
    private static partial void LogRequeued(ILogger logger, int requeued, string organizationId);
}
