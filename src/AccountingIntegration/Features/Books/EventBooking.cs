using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Books one vendor event: finds the sale a later event belongs to (or says it must wait for it), reads the
/// company's regime, plans the documents and books them exactly once, when no other payload is booking the same sale.
/// </summary>
internal sealed class EventBooking(SaleLookup sales, CompanyRegimes regimes, BookingExecutor executor, ISaleTurns turns, SaleNaming naming)
{
    public async Task<EventBookingOutcome> BookAsync(EventBookingRequest request, CancellationToken cancellationToken)
    {
        var sourceEvent = request.Event;
        if (sourceEvent.Meaning == EventMeaning.NoMoney)
        {
            return sourceEvent.OnlyNamesTheSale
                ? await naming.LinkAsync(request, cancellationToken)
                : EventBookingOutcome.Ignored(sourceEvent.IgnoredBecause ?? $"{sourceEvent.EventType} moves no money.");
        }

        var (sale, ownerKeys) = await sales.FindAsync(request.Organization.OrganizationId, request.SourceId, sourceEvent, request.Ledger, cancellationToken);
        if (sale is null && sourceEvent is { Meaning: EventMeaning.Refund, Sale: not null })
        {
            // The refund brought its order along and the order's own delivery never came: book the sale first.
            var saleBooked = await BookAsync(request with { Event = SaleLookup.SaleBroughtBy(sourceEvent), Action = request.SaleAction }, cancellationToken);
            if (saleBooked.Kind != EventBookingKind.Booked)
            {
                return saleBooked;
            }

            var refunded = await BookAsync(request, cancellationToken);
            return refunded.Kind == EventBookingKind.Booked ? EventBookingOutcome.Combined(saleBooked, refunded) : refunded;
        }

        if (sale is null && UndoneDocuments.TakesBack(sourceEvent))
        {
            // A refund that did not go through, or a credit voided, of a sale not booked: nothing can have been booked for it either.
            var what = sourceEvent.VoidedBalanceCredit is { } credit ? $"credit {credit}, voided," : "the refund that did not go through";
            return EventBookingOutcome.NothingToTakeBack(
                $"{SaleLookup.WaitingReason(sourceEvent)} Nothing was booked for {what} so there is nothing to take back.",
                UndoneKeys(request.SourceId, sourceEvent));
        }

        if (sale is null && sourceEvent.Meaning != EventMeaning.Sale)
        {
            // A cancellation does not wait: most never have a sale (Stripe voids only unpaid invoices and WooCommerce cancels
            // abandoned checkouts, neither of which is booked), and one booked later after all (out of order, or replayed)
            // revives it by the names it keeps, to void it then.
            return sourceEvent.Meaning == EventMeaning.Cancellation
                ? EventBookingOutcome.NothingToVoid(SaleLookup.WaitingReason(sourceEvent), ownerKeys)
                : EventBookingOutcome.WaitingForSale(SaleLookup.WaitingReason(sourceEvent), ownerKeys, null);
        }

        var regime = await regimes.GetAsync(request.Organization.OrganizationId, request.Credentials, cancellationToken);
        var settings = OrganizationBooksSettings.Read(request.Organization.Settings);
        var onRecord = sale is null
            ? null
            : await SaleRecord.ReadAsync(request.Organization.OrganizationId, request.SourceId, sourceEvent, request.Ledger, request.StatedSale, sale,
                regime.ChoosesCodesByRegion, cancellationToken);
        var plan = DocumentPlanner.Plan(sourceEvent, request.Action, regime, settings, onRecord);
        if (!plan.IsValid && await regimes.RereadAfterRefusalAsync(request.Organization.OrganizationId, request.Credentials, cancellationToken) is { } reread)
        {
            // The refusal may come from a setting changed in QBO since the regime was read (multicurrency turned on, a code added).
            regime = reread;
            plan = DocumentPlanner.Plan(sourceEvent, request.Action, regime, settings, onRecord);
        }

        if (!plan.IsValid)
        {
            return EventBookingOutcome.Refused(plan.Problems);
        }

        if (plan.NothingBecause is { } because && UndoneDocuments.TakesBack(sourceEvent))
        {
            // Stripe does not deliver in order: the refund's own earlier event (succeeded), or the credit note's creation
            // (issued), may still come and book it. The failure or void keeps the refund's or credit's names, so that booking
            // it takes this payload up again and it is taken back then.
            return EventBookingOutcome.NothingToTakeBack(because, UndoneKeys(request.SourceId, sourceEvent));
        }

        if (plan.NothingBecause is { } nothing)
        {
            return EventBookingOutcome.Ignored(nothing);
        }

        if (await turns.TakeAsync(request.Organization.OrganizationId, request.PayloadId, TurnNames(sale, ownerKeys, plan), cancellationToken) is { } holder)
        {
            return EventBookingOutcome.SaleBusy(holder);
        }

        var context = new BookingContext
        {
            OrganizationId = request.Organization.OrganizationId,
            SourceId = request.SourceId,
            PayloadId = request.PayloadId,
            PayloadReceivedAt = request.ReceivedAt,
            Resumed = request.Resumed,
            Credentials = request.Credentials,
            Event = sourceEvent,
            Regime = regime,
            Settings = settings,
            Policy = ResolutionPolicy.From(request.Organization.Settings),
            Sale = sale,
            OwnerKeys = ownerKeys,
            SharedKeys = SourceKeys.SharedBy(request.SourceId, sourceEvent),
            SaleHeader = request.SaleHeader,
            Ledger = request.Ledger,
        };
        try
        {
            return EventBookingOutcome.Booked(plan, await executor.ExecuteAsync(context, plan, cancellationToken));
        }
        catch (QboApiException e) when (e.Kind == QboErrorKind.Validation)
        {
            // A company setting changed in QBO (tax, currency) may explain the refusal: read the regime afresh next time.
            regimes.Forget(request.Credentials.RealmId);
            throw;
        }
    }

    /// <summary>
    /// The names of what a cancellation takes back: every name of its refunds (<see cref="SourceKeys.OfRefund"/>), or its
    /// voided credit's (what booking them wakes).
    /// </summary>
    private static string[] UndoneKeys(string sourceId, SourceEvent sourceEvent) =>
    [
        .. sourceEvent.Refunds.SelectMany(refund => SourceKeys.OfRefund(sourceId, refund)),
        .. sourceEvent.VoidedBalanceCredit is { } credit ? new[] { SourceKeys.ForBalanceCredit(sourceId, credit) } : [],
    ];

    /// <summary>
    /// The sale's names and, once it is booked, its QBO document: events that find it by different names share that. And
    /// every other document the plan voids or deletes, so that QBO's notice of that change, seen before this attempt's
    /// outcome records it, is not taken for someone's change in QBO (drift looks at a document only when its turn is free).
    /// </summary>
    private static string[] TurnNames(LedgerLink? sale, IReadOnlyList<string> ownerKeys, BookingPlan plan) =>
    [
        .. ownerKeys,
        .. sale is null ? [] : new[] { SaleTurnNames.Document(sale.QboType, sale.QboId) },
        .. plan.Documents.Select(document => document.Target).OfType<DocumentOnRecord>().Select(target => SaleTurnNames.Document(target.EntityType, target.Id)),
    ];
}

/// <summary>One event to book for an organization's company; <c>SaleAction</c> is what a sale becomes when a refund brings along a sale never booked.</summary>
internal sealed record EventBookingRequest(Organization Organization, string SourceId, string PayloadId, QboCredentials Credentials, SourceEvent Event, EventAction Action,
    EventAction SaleAction = EventAction.Auto)
{
    /// <summary>The attempt's view of the ledger: the caller writes what it holds with the attempt's outcome.</summary>
    public required AttemptLedger Ledger { get; init; }

    /// <summary>What the mapping layers set on the sale's document (<see cref="Books.SaleHeader"/>).</summary>
    public JsonObject? SaleHeader { get; init; }

    /// <summary>When the payload arrived.</summary>
    public DateTime ReceivedAt { get; init; }

    /// <summary>Not the payload's first attempt: an earlier one may have created documents without hearing back.</summary>
    public bool Resumed { get; init; }

    /// <summary>
    /// Reads the sale a refund gives money back on as its vendor stated it (from the payload that booked it), or null when
    /// that is no longer at hand.
    /// </summary>
    public Func<LedgerLink, CancellationToken, Task<Sale?>>? StatedSale { get; init; }
}

/// <summary>
/// Booked (with the plan and what was booked), ignored (why), waiting for its sale (or, a cancellation, skipped at once
/// without it: nothing to undo), its sale linked under other names, refused (the problems, each naming its field), or its
/// sale busy (the payload booking it).
/// </summary>
internal sealed record EventBookingOutcome(EventBookingKind Kind, string? Reason, BookingPlan? Plan, BookingResult? Result, IReadOnlyList<AdapterProblem> Problems)
{
    /// <summary>
    /// Waiting for its sale: when the sale is never booked, why the event is skipped rather than failed (a cancellation
    /// has nothing to void), worded to follow "No sale was booked within the limit, so …"; null when it fails.
    /// </summary>
    public string? SkippedIfNeverBooked { get; init; }

    /// <summary>Its sale not booked: skipped now, for <see cref="SkippedIfNeverBooked"/>, rather than at the time limit.</summary>
    public bool SkippedAtOnce { get; init; }

    /// <summary>Waiting for its sale: the names the sale would be linked under in the ledger. Linked: the names it now is.</summary>
    public IReadOnlyList<string> SaleKeys { get; init; } = [];

    public static EventBookingOutcome Booked(BookingPlan plan, BookingResult result) => new(EventBookingKind.Booked, null, plan, result, []);

    public static EventBookingOutcome Ignored(string reason) => new(EventBookingKind.Ignored, reason, null, null, []);

    public static EventBookingOutcome WaitingForSale(string reason, IReadOnlyList<string> saleKeys, string? skippedIfNeverBooked) =>
        new(EventBookingKind.WaitingForSale, reason, null, null, []) { SkippedIfNeverBooked = skippedIfNeverBooked, SaleKeys = saleKeys };

    /// <summary>
    /// A cancellation whose sale is not booked: skipped at once, keeping the names its sale would be linked under, so that
    /// the sale, booked later after all, revives it and is voided.
    /// </summary>
    public static EventBookingOutcome NothingToVoid(string reason, IReadOnlyList<string> saleKeys) =>
        WaitingForSale(reason, saleKeys, "there is nothing to void; if it is booked later, it is voided then") with { SkippedAtOnce = true };

    /// <summary>
    /// Refunds that did not go through, or a credit voided, for which nothing was booked: skipped at once, keeping their
    /// names (see <see cref="SourceKeys.ForRefund"/>, <see cref="SourceKeys.ForBalanceCredit"/>), so that one booked after all
    /// (its earlier event delivered late) revives this payload, which then takes it back: the failure or void stays its last word.
    /// </summary>
    public static EventBookingOutcome NothingToTakeBack(string reason, IReadOnlyList<string> undoneKeys) =>
        WaitingForSale(reason, undoneKeys, "if it is booked later after all (its earlier event delivered late), it is taken back then") with { SkippedAtOnce = true };

    /// <summary>The sale is now linked under <paramref name="saleKeys"/> as well; nothing was booked.</summary>
    public static EventBookingOutcome Linked(string reason, IReadOnlyList<string> saleKeys) =>
        new(EventBookingKind.Linked, reason, null, null, []) { SaleKeys = saleKeys };

    /// <summary>Two bookings of one event (its sale, then itself), as one: documents and notes in the order they were booked.</summary>
    public static EventBookingOutcome Combined(EventBookingOutcome first, EventBookingOutcome then) => Booked(
        new BookingPlan([.. first.Plan!.Documents, .. then.Plan!.Documents], [.. first.Plan.Notes, .. then.Plan.Notes], []),
        new BookingResult([.. first.Result!.Documents, .. then.Result!.Documents], [.. first.Result.Notes, .. then.Result.Notes]));

    public static EventBookingOutcome Refused(IReadOnlyList<AdapterProblem> problems) => new(EventBookingKind.Refused, null, null, null, problems);

    /// <summary>Another payload (<paramref name="holder"/>) is booking the same sale: nothing was sent, and this one is tried again after it.</summary>
    public static EventBookingOutcome SaleBusy(string holder) => new(EventBookingKind.SaleBusy, holder, null, null, []);
}

internal enum EventBookingKind
{
    Booked,
    Ignored,
    WaitingForSale,
    Linked,
    Refused,
    SaleBusy,
}
