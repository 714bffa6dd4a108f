using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Decides whether a change QBO reports is someone changing a document the service booked: deleted, voided (when the
/// service did not void it itself), or edited so that its total or customer is no longer what was booked. A payment
/// applied to an invoice changes the invoice too, which is not drift: only what the books depend on is compared. A
/// drifted document's ledger links change state, and the payload that booked it becomes <c>drifted</c> with a sync log
/// row saying what happened; the same change told twice (webhook and CDC) is recorded once.
/// </summary>
internal sealed partial class DriftDetector(
    OAuthTokenStore connections, LedgerStore ledger, TokenManager tokens, QboClient qbo, WebhookStore webhooks, OutcomeRecorder recorder, ISaleTurns turns,
    ILogger<DriftDetector> logger)
{
    public const string Edited = "DOCUMENT_EDITED";
    public const string Voided = "DOCUMENT_VOIDED";
    public const string Deleted = "DOCUMENT_DELETED";

    /// <summary>The transactions the books create; changes to anything else (customers, items, accounts) are not drift.</summary>
    public static readonly IReadOnlyList<string> BookedEntities = ["Invoice", "SalesReceipt", "Payment", "RefundReceipt", "CreditMemo"];

    /// <summary>
    /// Applies Intuit's notices to every organization connected to each notice's company: how many documents were found
    /// drifted, and the notices left for a later look because an attempt of one of those organizations books against
    /// their document now, or because QBO throttled or failed the document's read. An organization whose company cannot be
    /// read at all (not connected, its authorization refused) is skipped: the CDC sweep looks again once it can.
    /// </summary>
    public async Task<DriftApplied> ApplyAsync(IReadOnlyList<IntuitNotice> notices, CancellationToken cancellationToken)
    {
        var drifted = 0;
        var postponed = new List<IntuitNotice>();
        foreach (var notice in notices.Where(n => BookedEntities.Contains(n.Entity, StringComparer.Ordinal)))
        {
            var left = false;
            foreach (var organizationId in await connections.ListOrganizationsForRealmAsync(notice.RealmId, cancellationToken))
            {
                var applied = await ApplyAsync(organizationId, [notice], cancellationToken);
                drifted += applied.Drifted;
                left |= applied.Postponed.Count > 0;
            }

            if (left)
            {
                postponed.Add(notice);
            }
        }

        return new DriftApplied(drifted, postponed);
    }

    /// <summary>
    /// Applies changes read with one organization's connection (the CDC sweep) to that organization's ledger only. A change
    /// to a document one of the organization's attempts is booking against right now (voiding it, revising it) is left
    /// for a later look: it is most likely that attempt's own, which records it with its outcome, and judged before that
    /// it would be taken for someone's edit in QBO. So is a change whose document QBO could not be read for just now.
    /// </summary>
    public async Task<DriftApplied> ApplyAsync(string organizationId, IReadOnlyList<IntuitNotice> notices, CancellationToken cancellationToken)
    {
        var drifted = 0;
        var postponed = new List<IntuitNotice>();
        foreach (var notice in notices.Where(n => BookedEntities.Contains(n.Entity, StringComparer.Ordinal)))
        {
            try
            {
                if (await turns.IsTakenAsync(organizationId, SaleTurnNames.Document(notice.Entity, notice.EntityId), cancellationToken))
                {
                    LogBeingBooked(logger, notice.Entity, notice.EntityId, organizationId);
                    postponed.Add(notice);
                }
                else if (await ApplyAsync(organizationId, notice, cancellationToken))
                {
                    drifted++;
                }
            }
            catch (QboApiException e) when (e.IsTransient)
            {
                // QBO throttled the read or was out of reach: a moment later it most likely answers.
                LogUnreadableForNow(logger, notice.Entity, notice.EntityId, organizationId, e.Message);
                postponed.Add(notice);
            }
            catch (Exception e) when (e is QboApiException or IntuitOAuthException or QboNotConnectedException)
            {
                LogUnreadable(logger, notice.Entity, notice.EntityId, organizationId, e.Message);
            }
        }

        return new DriftApplied(drifted, postponed);
    }

    private async Task<bool> ApplyAsync(string organizationId, IntuitNotice notice, CancellationToken cancellationToken)
    {
        var links = await ledger.ListByDocumentAsync(organizationId, notice.Entity, notice.EntityId, cancellationToken);
        var booked = links.FirstOrDefault(l => l.Role != "void");
        if (booked is null)
        {
            return false;
        }

        var voidedByUs = links.Any(l => l.Role == "void");
        var change = notice.Operation switch
        {
            IntuitOperations.Delete => DeletedChange(notice),
            IntuitOperations.Void when !voidedByUs => new DriftChange(LedgerStates.Voided, Voided, $"{notice.Entity} {notice.EntityId} was voided in QBO."),
            IntuitOperations.Void => null,
            _ => await CompareAsync(organizationId, notice, booked, voidedByUs, cancellationToken),
        };
        if (change is null || links.All(l => l.State == change.State))
        {
            return false;
        }

        var drifts = new List<NewSyncLog>();
        foreach (var payloadId in links.Select(l => l.PayloadId).Distinct(StringComparer.Ordinal))
        {
            if (await DriftLogAsync(organizationId, payloadId, notice, change, cancellationToken) is { } drift)
            {
                drifts.Add(drift);
            }
        }

        // The ledger's new state and the payloads' drift, together: the state is what tells the next look the change is known.
        await recorder.DocumentDriftedAsync(ledger.StateChange(organizationId, notice.Entity, notice.EntityId, change.State, change.SyncToken), drifts,
            cancellationToken);

        LogDrift(logger, notice.Entity, notice.EntityId, change.Code, organizationId);
        return true;
    }

    /// <summary>The document as it now is against what was booked: its total and its customer.</summary>
    private async Task<DriftChange?> CompareAsync(string organizationId, IntuitNotice notice, LedgerLink booked, bool voidedByUs,
        CancellationToken cancellationToken)
    {
        var row = notice.Row ?? await ReadAsync(organizationId, notice, cancellationToken);
        if (row is null || (string?)row["status"] == "Deleted")
        {
            return DeletedChange(notice);
        }

        var total = row["TotalAmt"] is JsonValue value && value.TryGetValue<decimal>(out var amount) ? amount : (decimal?)null;
        var expected = voidedByUs ? 0m : booked.Total;
        if (total is { } now && now != expected)
        {
            return new DriftChange(LedgerStates.Drifted, Edited, $"{notice.Entity} {notice.EntityId} was edited in QBO: its total is {now:0.00}, booked as {expected:0.00}.")
            {
                SyncToken = (string?)row["SyncToken"],
            };
        }

        var customer = (string?)row["CustomerRef"]?["value"];
        if (booked.CustomerId is { } bookedCustomer && customer is not null && customer != bookedCustomer)
        {
            return new DriftChange(LedgerStates.Drifted, Edited, $"{notice.Entity} {notice.EntityId} was edited in QBO: its customer is now {customer}, booked for {bookedCustomer}.")
            {
                SyncToken = (string?)row["SyncToken"],
            };
        }

        return null;
    }

    private static DriftChange DeletedChange(IntuitNotice notice) =>
        new(LedgerStates.Deleted, Deleted, $"{notice.Entity} {notice.EntityId} was deleted in QBO.");

    /// <summary>The document as QBO has it now, or null when QBO no longer has it.</summary>
    /// <exception cref="QboNotConnectedException">The company cannot be read now, which says nothing about the document.</exception>
    private async Task<JsonObject?> ReadAsync(string organizationId, IntuitNotice notice, CancellationToken cancellationToken)
    {
        var token = await tokens.GetValidTokenAsync(organizationId, cancellationToken);
        return await qbo.ReadAsync(new QboCredentials(token.RealmId, token.AccessToken), notice.Entity, notice.EntityId, cancellationToken);
    }

    /// <summary>The drifted sync log row for a payload that booked the document; null when the payload is gone (retention).</summary>
    private async Task<NewSyncLog?> DriftLogAsync(string organizationId, string payloadId, IntuitNotice notice, DriftChange change, CancellationToken cancellationToken)
    {
        var payload = await webhooks.GetPayloadAsync(organizationId, payloadId, cancellationToken);
        if (payload is null)
        {
            return null;
        }

        return new NewSyncLog
        {
            OrganizationId = organizationId,
            PayloadId = payloadId,
            SourceId = payload.SourceId,
            Status = PayloadStatus.Drifted,
            Attempt = payload.Attempts,
            QboInvoiceId = notice.EntityId,
            ResponsePayload = new JsonObject
            {
                ["entity"] = notice.Entity,
                ["id"] = notice.EntityId,
                ["operation"] = notice.Operation,
                ["source"] = notice.Row is null ? "webhook" : "cdc",
            }.ToJsonString(),
            ErrorCode = change.Code,
            ErrorMessage = change.Message,
        };
    }

    /// <summary>What happened to a document: its new ledger state, the stable code, the words for the sync log, and its SyncToken when read.</summary>
    private sealed record DriftChange(string State, string Code, string Message)
    {
        public string? SyncToken { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} {EntityId} could not be checked for organization {OrganizationId}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string entity, string entityId, string organizationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} {EntityId} could not be checked for organization {OrganizationId} now; it is looked at again later: {Reason}")]
    private static partial void LogUnreadableForNow(ILogger logger, string entity, string entityId, string organizationId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Entity} {EntityId} changed while organization {OrganizationId} is booking against it; it is looked at again later")]
    private static partial void LogBeingBooked(ILogger logger, string entity, string entityId, string organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} {EntityId} drifted ({Code}) for organization {OrganizationId}")]
    private static partial void LogDrift(ILogger logger, string entity, string entityId, string code, string organizationId);
}

/// <summary>What applying changes found: documents drifted, and changes left for a later look (<see cref="DriftDetector.ApplyAsync(string, IReadOnlyList{IntuitNotice}, CancellationToken)"/>).</summary>
internal readonly record struct DriftApplied(int Drifted, IReadOnlyList<IntuitNotice> Postponed);
