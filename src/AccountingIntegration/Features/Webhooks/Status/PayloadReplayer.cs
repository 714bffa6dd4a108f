using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>
/// Puts failed, dead, skipped, waiting or retrying payloads back in the queue, due now, with a
/// fresh series of attempts (SPEC §6.8). A succeeded payload is never replayed: it already has
/// its invoice. A payload being processed or already queued is left alone.
/// </summary>
internal sealed class PayloadReplayer(WebhookStore webhooks, WebhookQueueStore queue, WorkSignal signal, AuditTrail audit)
{
    public const string NotReplayable = "PAYLOAD_NOT_REPLAYABLE";

    private static readonly string[] Replayable =
        [PayloadStatus.Failed, PayloadStatus.Dead, PayloadStatus.Skipped, PayloadStatus.WaitingConnection, PayloadStatus.Retrying];

    public static bool CanReplay(string status) => Replayable.Contains(status);

    public async Task ReplayAsync(string organizationId, string payloadId, string actorType, string actorId, string? ip, CancellationToken cancellationToken)
    {
        var payload = await webhooks.GetPayloadAsync(organizationId, payloadId, cancellationToken)
                      ?? throw ApiException.NotFound("PAYLOAD_NOT_FOUND", "Payload not found.");
        if (!CanReplay(payload.Status))
        {
            throw ApiException.Conflict(NotReplayable, payload.Status == PayloadStatus.Succeeded
                ? "The payload already became an invoice; replaying it is refused."
                : $"The payload is {payload.Status}; only failed, dead, skipped, waiting or retrying payloads can be replayed.");
        }

        await webhooks.MarkOutcomeAsync(payloadId, PayloadStatus.Queued, null, null, cancellationToken);
        await queue.ResetAttemptsAsync(payloadId, cancellationToken);
        await audit.RecordAsync(organizationId, actorType, actorId, "payload", "payload.replayed", "payload", payloadId,
            new JsonObject { ["previousStatus"] = payload.Status }, ip, cancellationToken);
        signal.Notify();
    }
}
