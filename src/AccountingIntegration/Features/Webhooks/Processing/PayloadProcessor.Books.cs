using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// A vendor's event (Stripe, Shopify, WooCommerce, Paddle, PayPal, Square): its adapter says what happened, the
/// mapping layers say which documents that makes (<c>eventActions</c>), and the books feature books them exactly
/// once (docs/books.md). A refund or payment whose sale is not booked yet waits for it, up to a time limit.
/// </summary>
internal sealed partial class PayloadProcessor
{
    /// <summary>How soon a payload that found its sale being booked by another is tried again: an attempt takes a few seconds.</summary>
    internal static readonly TimeSpan SaleBusyRetry = TimeSpan.FromSeconds(2);

    private async Task<PayloadOutcome> BookVendorEventAsync(Attempt attempt, WebhookPayload payload, Organization organization, IVendorAdapter adapter,
        MergedMapping? mapping, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(payload.RawPayload);
        // Payloads stored before event types were recorded name theirs in the body, if at all.
        var eventType = payload.EventType ?? adapter.EventType(new Dictionary<string, string>(), document.RootElement);
        var read = adapter.Read(eventType ?? string.Empty, document.RootElement);
        if (read.Event is not { } sourceEvent)
        {
            return await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.EventInvalid, Problems(read.Problems), null, null, cancellationToken);
        }

        // The layers' header fields apply to a sale's document: only an event that books a sale needs them.
        var header = sourceEvent.Sale is null ? null : SaleHeader.Build(document.RootElement, mapping);
        if (header is { IsValid: false })
        {
            var problems = string.Join("; ", header.Errors.Select(e => $"{e.Field}: {e.Message}"));
            return await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.MappingError, problems, header.Invoice, null, cancellationToken);
        }

        if (EventActionChoice.For(mapping, eventType, sourceEvent.Meaning, out var invalid) is not { } action)
        {
            return await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.BookingRefused, invalid!, null, null, cancellationToken);
        }

        // A refund that brings along a sale never booked books that sale as the layers say sales are booked.
        var saleAction = EventActionChoice.For(mapping, null, EventMeaning.Sale, out _) ?? EventAction.Auto;

        if (sourceEvent is { Meaning: EventMeaning.NoMoney, OnlyNamesTheSale: false } || action == EventAction.Ignore)
        {
            var reason = sourceEvent.Meaning == EventMeaning.NoMoney
                ? sourceEvent.IgnoredBecause ?? $"{eventType} moves no money."
                : $"The source's settings book nothing for {eventType}.";
            return await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.EventIgnored, reason, null, null, cancellationToken);
        }

        return await SendEventAsync(attempt, payload, organization, adapter, sourceEvent, action, saleAction, header?.Invoice, cancellationToken);
    }

    private async Task<PayloadOutcome> SendEventAsync(Attempt attempt, WebhookPayload payload, Organization organization, IVendorAdapter adapter, SourceEvent sourceEvent,
        EventAction action, EventAction saleAction, JsonObject? saleHeader, CancellationToken cancellationToken)
    {
        EventBookingOutcome booked;
        ValidToken? token = null;
        try
        {
            token = await tokens.GetValidTokenAsync(organization.OrganizationId, cancellationToken);
            var request = new EventBookingRequest(organization, payload.SourceId, payload.PayloadId, new QboCredentials(token.RealmId, token.AccessToken), sourceEvent, action,
                saleAction)
            {
                SaleHeader = saleHeader,
                ReceivedAt = payload.ReceivedAt,
                Resumed = Resumed(attempt, payload),
                Ledger = attempt.Ledger,
                StatedSale = (sale, cancellation) => statedSales.ReadAsync(payload.OrganizationId, payload.SourceId, adapter, sale, cancellation),
            };
            booked = await booking.BookAsync(request, cancellationToken);
        }
        catch (Exception e) when (QboFailure(e) is not null)
        {
            // The log says what was being booked; the documents are in the log of the attempt that books them.
            var attempted = new JsonObject
            {
                ["event"] = sourceEvent.EventType,
                ["meaning"] = EventActionChoice.MeaningKey(sourceEvent.Meaning),
                ["subject"] = sourceEvent.Subject.Key,
                ["action"] = EventActions.Name(action),
            };
            return await QboFailedAsync(attempt, payload, await AfterRejectionAsync(organization.OrganizationId, token, e, cancellationToken), attempted, cancellationToken);
        }

        return booked.Kind switch
        {
            EventBookingKind.Booked => await BookedAsync(attempt, payload, booked.Plan!, booked.Result!, cancellationToken),
            EventBookingKind.Ignored => await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.EventIgnored, booked.Reason!, null, null, cancellationToken),
            EventBookingKind.WaitingForSale => await WaitForSaleAsync(attempt, payload, booked, cancellationToken),
            EventBookingKind.Linked => await LinkedAsync(attempt, payload, booked, cancellationToken),
            EventBookingKind.SaleBusy => await SaleBusyAsync(attempt, payload, booked.Reason!, cancellationToken),
            _ => await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.BookingRefused, Problems(booked.Problems), null, null, cancellationToken),
        };
    }

    private async Task<PayloadOutcome> BookedAsync(Attempt attempt, WebhookPayload payload, BookingPlan plan, BookingResult result, CancellationToken cancellationToken)
    {
        var primary = result.Primary;
        var request = new JsonArray([.. plan.Documents.Select(d => (JsonNode)new JsonObject
        {
            ["role"] = d.Role,
            ["entityType"] = d.EntityType,
            ["operation"] = d.Operation.ToString().ToLowerInvariant(),
            ["total"] = d.Total,
            ["body"] = d.Body.DeepClone(),
        })]);
        var response = new JsonObject
        {
            ["documents"] = new JsonArray([.. result.Documents.Select(d => (JsonNode)new JsonObject
            {
                ["role"] = d.Role,
                ["entityType"] = d.QboType,
                ["id"] = d.QboId,
                ["totalAmt"] = d.TotalAmt,
                ["alreadyBooked"] = d.AlreadyBooked,
            })]),
            ["notes"] = new JsonArray([.. result.Notes.Select(note => (JsonNode)note)]),
        };
        if (primary is null)
        {
            // Every document was capped away (the invoice owed nothing any more): nothing new, and that is the answer.
            return await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.EventIgnored, string.Join(" ", result.Notes), null, response.ToJsonString(),
                cancellationToken);
        }

        var log = NewLog(attempt, payload, PayloadStatus.Succeeded, null, response.ToJsonString(), null, result.Notes.Count > 0 ? string.Join(" ", result.Notes) : null) with
        {
            QboInvoiceId = primary.QboId,
            QboRequestId = RequestIdFor(payload.PayloadId),
            RequestPayload = request.ToJsonString(),
        };
        var written = await recorder.SucceededAsync(log, attempt.Claim.LeaseOwner, primary.QboId, attempt.Ledger, cancellationToken);
        LogBooked(logger, primary.QboType, primary.QboId, attempt.Claim.Attempts);
        if (result.Documents.Any(d => d.Role == DocumentPlanner.SaleRole && !d.AlreadyBooked))
        {
            // A refund or payment that arrived first may have been waiting for this sale.
            await AfterCommitAsync(() => WakeWaitingForSaleAsync(payload.OrganizationId, SaleKeysLinked(attempt.Ledger), cancellationToken));
        }

        if (UndoableKeysBooked(attempt.Ledger, payload.SourceId) is { Count: > 0 } undoable)
        {
            // A refund that did not go through, or a credit voided, told before it was booked, was skipped keeping its name,
            // to take it back: it is revived. Nothing in the queue waits for a refund or a credit, and an entry that names
            // nothing waits for a sale, so none is woken (a refund or credit booked is not the sale it may be waiting for).
            await AfterCommitAsync(() => revive.ReviveAsync(payload.OrganizationId, undoable, cancellationToken));
        }

        return new PayloadOutcome(payload.PayloadId, PayloadStatus.Succeeded, true, primary.QboId, written.LogId, null);
    }

    /// <summary>
    /// Another payload of the same sale holds its turn (<paramref name="holder"/>): this one is tried again after
    /// <see cref="SaleBusyRetry"/>, or as soon as the holder's outcome releases the turn when the holder is this instance's.
    /// It waits from its own commit on, and then asks whether the holder is still live: either the holder's outcome comes
    /// later and finds it waiting, or it came first and this one is due at once.
    /// </summary>
    private async Task<PayloadOutcome> SaleBusyAsync(Attempt attempt, WebhookPayload payload, string holder, CancellationToken cancellationToken)
    {
        var outcome = await FinishAsync(attempt, payload, PayloadStatus.Retrying, OutcomeCodes.SaleBusy,
            $"Payload {holder} is booking the same sale; this one is tried again after it, so that the sale is booked once.", null, null,
            cancellationToken, time.GetUtcNow().UtcDateTime + SaleBusyRetry);
        saleWaiters.Add(holder, payload.PayloadId);
        await AfterCommitAsync(async () =>
        {
            if (!await saleTurns.IsLiveAsync(holder, cancellationToken) && saleWaiters.Take(holder) is { Count: > 0 } waited)
            {
                await WakeSaleWaitersAsync(holder, waited, cancellationToken);
            }
        });
        return outcome;
    }

    /// <summary>
    /// Parks the payload until its time limit (a booked sale wakes it sooner). Past the limit it fails with the reason,
    /// except one with nothing to do without its sale (a link), skipped. A cancellation is skipped at once: nothing is
    /// booked, so nothing needs voiding. Each keeps the names it waited for, so that its sale, booked later after all,
    /// revives it (<see cref="ReviveExpiredSaleWaits"/>): the refund is booked against it, the cancellation voids it.
    /// </summary>
    private async Task<PayloadOutcome> WaitForSaleAsync(Attempt attempt, WebhookPayload payload, EventBookingOutcome waiting, CancellationToken cancellationToken)
    {
        var reason = waiting.Reason!;
        var deadline = payload.ReceivedAt + options.DependencyWait;
        var now = time.GetUtcNow().UtcDateTime;
        if (waiting.SkippedAtOnce || now >= deadline)
        {
            var hours = options.DependencyWait.TotalHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            var expired = waiting.SkippedIfNeverBooked is { } because
                ? await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.EventIgnored,
                    waiting.SkippedAtOnce ? $"{reason} So {because}." : $"{reason} No sale was booked within {hours} h, so {because}.",
                    null, null, cancellationToken, null, waiting.SaleKeys)
                : await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.DependencyMissing,
                    $"{reason} Waited {hours} h for it; it is booked when its sale is.", null, null, cancellationToken, null, waiting.SaleKeys);
            await AfterCommitAsync(() => WakeIfSaleBookedAsync(payload.OrganizationId, waiting.SaleKeys, cancellationToken));
            return expired;
        }

        var parked = await FinishAsync(attempt, payload, PayloadStatus.WaitingDependency, OutcomeCodes.WaitingForSale,
            $"{reason} Waiting for it until {deadline:yyyy-MM-dd HH:mm:ss} UTC.", null, null, cancellationToken, deadline, waiting.SaleKeys);
        await AfterCommitAsync(() => WakeIfSaleBookedAsync(payload.OrganizationId, waiting.SaleKeys, cancellationToken));
        return parked;
    }

    /// <summary>
    /// The sale is linked under other names (<see cref="SaleNaming"/>): once that is committed, the refunds and disputes
    /// parked for want of a sale under those names are woken, and those whose wait expired revived.
    /// </summary>
    private async Task<PayloadOutcome> LinkedAsync(Attempt attempt, WebhookPayload payload, EventBookingOutcome linked, CancellationToken cancellationToken)
    {
        var outcome = await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.SaleLinked, linked.Reason!, null, null, cancellationToken);
        await AfterCommitAsync(() => WakeWaitingForSaleAsync(payload.OrganizationId, linked.SaleKeys, cancellationToken));
        return outcome;
    }

    /// <summary>
    /// A booked sale wakes the payloads parked for it (and revives those whose wait for it expired) once its outcome, with
    /// its ledger link, is committed. This attempt read "no sale" before parking or giving up, so a sale committed in
    /// between (by another worker) found this payload still processing and passed it by (the sweep would find it within
    /// minutes). Parking or giving up is committed before the ledger is read again here, so either that read sees the
    /// sale and wakes the payload, or the sale committed later and its own wake-up finds the payload parked or given up.
    /// </summary>
    private async Task WakeIfSaleBookedAsync(string organizationId, IReadOnlyList<string> saleKeys, CancellationToken cancellationToken)
    {
        if (saleKeys.Count > 0
            && (await ledger.FindAllAsync(organizationId, saleKeys, DocumentPlanner.SaleRole, cancellationToken)).Count > 0
            && await WakeWaitingForSaleAsync(organizationId, saleKeys, cancellationToken))
        {
            LogWokenAfterSale(logger);
        }
    }

    /// <summary>The names this attempt linked its sale under: what a payload waiting for that sale looks it up by.</summary>
    private static HashSet<string> SaleKeysLinked(AttemptLedger ledger) =>
        [.. ledger.Writes.OfType<LedgerWrite.Insert>().SelectMany(insert => insert.Rows).Where(row => row.Role == DocumentPlanner.SaleRole).Select(row => row.SourceKey)];

    /// <summary>
    /// The names of the refunds this attempt booked a refund receipt or credit memo for (<see cref="SourceKeys.ForRefund"/>,
    /// and every other name they were linked under, <see cref="SourceKeys.OfRefund"/>: a refund booked under its charge is
    /// known by its charge and amount), and of the credits to the customer's balance it booked (<see cref="SourceKeys.ForBalanceCredit"/>).
    /// </summary>
    private static HashSet<string> UndoableKeysBooked(AttemptLedger ledger, string sourceId)
    {
        var rows = ledger.Writes.OfType<LedgerWrite.Insert>().SelectMany(insert => insert.Rows).ToList();
        var refunds = rows.Where(row => DocumentPlanner.RefundIdOf(row.Role) is not null).ToList();
        return
        [
            .. refunds.Select(row => SourceKeys.ForRefund(sourceId, DocumentPlanner.RefundIdOf(row.Role)!)),
            .. refunds.Select(row => row.SourceKey).Where(key => SourceKeys.IsRefundName(sourceId, key)),
            .. rows.Select(row => DocumentPlanner.BalanceCreditIdOf(row.Role)).OfType<string>().Select(id => SourceKeys.ForBalanceCredit(sourceId, id)),
        ];
    }

    /// <summary>Wakes the payloads parked for the sale, and revives those whose wait for it expired (which wakes the workers itself).</summary>
    private async Task<bool> WakeWaitingForSaleAsync(string organizationId, IReadOnlyCollection<string> saleKeys, CancellationToken cancellationToken)
    {
        var woken = await webhooks.RequeueWaitingForSaleAsync(organizationId, saleKeys, cancellationToken);
        if (woken > 0)
        {
            signal.Notify();
        }

        return woken + await revive.ReviveAsync(organizationId, saleKeys, cancellationToken) > 0;
    }

    private static string Problems(IReadOnlyList<AdapterProblem> problems) => string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Its sale was booked while the payload was parking, or giving up, for want of it; woken at once")]
    private static partial void LogWokenAfterSale(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payload booked as QBO {EntityType} {Id} on attempt {Attempt}")]
    private static partial void LogBooked(ILogger logger, string entityType, string id, int attempt);
}
