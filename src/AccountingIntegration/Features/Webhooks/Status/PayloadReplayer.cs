using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>
/// Puts failed, dead, skipped, waiting or retrying payloads back in the queue, due now, with a
/// fresh series of attempts (SPEC §6.8). A succeeded payload is never replayed: it already has
/// its invoice. A payload being processed or already queued is left alone.
/// </summary>
internal sealed class PayloadReplayer(WebhookStore webhooks, DeadlockRetry deadlocks, WorkSignal signal, AuditTrail audit, IMemoryCache cache)
{
    private static readonly string[] Replayable =
        [PayloadStatus.Failed, PayloadStatus.Dead, PayloadStatus.Skipped, PayloadStatus.WaitingConnection, PayloadStatus.WaitingDependency, PayloadStatus.Retrying];

    public static bool CanReplay(string status) => Replayable.Contains(status);

    public async Task ReplayAsync(string organizationId, string payloadId, AuditActor actor, CancellationToken cancellationToken)
    {
        var payload = await webhooks.GetPayloadAsync(organizationId, payloadId, cancellationToken)
                      ?? throw PayloadErrors.NotFound();
        if (!CanReplay(payload.Status))
        {
            throw ApiException.Conflict(PayloadErrors.NotReplayableCode, payload.Status is PayloadStatus.Succeeded or PayloadStatus.Drifted
                ? "The payload is booked already; replaying it is refused (its documents stay as they are in QBO)."
                : $"The payload is {payload.Status}; only failed, dead, skipped, waiting or retrying payloads can be replayed.");
        }

        // The replay and its audit entry commit together. On MariaDB the requeue can lose a deadlock to an outcome or a
        // claim of the same payload; it runs again.
        await deadlocks.RunAsync("replay", () => webhooks.RequeueForReplayAsync(payloadId, transaction =>
            audit.RecordAsync(transaction, actor, new AuditAction("payload", "payload.replayed")
            {
                OrganizationId = organizationId,
                TargetType = "payload",
                TargetId = payloadId,
                Details = new JsonObject { ["previousStatus"] = payload.Status },
            }, cancellationToken), cancellationToken));
        // A refusal under the company's settings (a currency it does not take, a rate no code has) is replayed once they are
        // changed: on this instance the replay reads them again at once; elsewhere a refused plan re-reads them within a minute.
        CompanyRegimes.ForgetCompanyOf(cache, organizationId);
        signal.Notify();
    }
}
