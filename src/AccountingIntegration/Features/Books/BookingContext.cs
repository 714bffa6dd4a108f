using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books;

/// <summary>Everything booking one event's plan needs besides the plan: who, where, which names the sale goes by.</summary>
internal sealed record BookingContext
{
    public required string OrganizationId { get; init; }

    public required string SourceId { get; init; }

    public required string PayloadId { get; init; }

    /// <summary>When the payload arrived: none of its documents can have been created before.</summary>
    public DateTime PayloadReceivedAt { get; init; }

    /// <summary>
    /// An earlier attempt at this payload may have sent creates whose answers never came (a lost connection, a crash):
    /// each document not yet in the ledger is looked for in QBO by its fingerprint before it is created.
    /// </summary>
    public bool Resumed { get; init; }

    public required QboCredentials Credentials { get; init; }

    public required SourceEvent Event { get; init; }

    public required CompanyRegime Regime { get; init; }

    public required BookingSettings Settings { get; init; }

    public required ResolutionPolicy Policy { get; init; }

    /// <summary>The sale as booked before (for a payment, refund or cancellation).</summary>
    public LedgerLink? Sale { get; init; }

    /// <summary>The names the sale's documents are found and linked under: the sale's subject and aliases, or, for a later event, its original's.</summary>
    public required IReadOnlyList<string> OwnerKeys { get; init; }

    /// <summary>For a sale: the names it shares with other sales (<see cref="SourceEvent.SharedNames"/>), linked under but never searched.</summary>
    public IReadOnlyList<string> SharedKeys { get; init; } = [];

    /// <summary>Every name a new document is linked under.</summary>
    public IEnumerable<string> LinkKeys => OwnerKeys.Concat(SharedKeys);

    /// <summary>The layers' header fields for the sale's document, if they set any.</summary>
    public JsonObject? SaleHeader { get; init; }

    /// <summary>The ledger as this attempt sees it; what it books is written with the attempt's outcome.</summary>
    public required AttemptLedger Ledger { get; init; }
}

/// <summary>The ledger keys of source objects: per source, since two stores may number their orders alike.</summary>
internal static class SourceKeys
{
    public static string Of(string sourceId, SourceObject sourceObject) => $"{sourceId}/{sourceObject.Key}";

    /// <summary>
    /// The name a vendor refund is known by, however its documents were booked (under the refund itself, or under the
    /// charge or order that lists it): what a refund that did not go through waits under, and what booking the refund wakes.
    /// </summary>
    public static string ForRefund(string sourceId, string refundId) => Of(sourceId, new SourceObject("refund", refundId));

    /// <summary>
    /// Every name a refund is known by (<see cref="ForRefund"/>): its own and, for one booked under its charge
    /// (<see cref="RefundInfo.BookedUnderCharge"/>), its charge and amount, which the refund booked from charge.refunded and
    /// its failure, told with the refund's own id, both know. The refund's documents are linked under them (however the event
    /// that booked them names the refund), and a refund that did not go through, told before the refund was booked, waits
    /// under them.
    /// </summary>
    public static IReadOnlyList<string> OfRefund(string sourceId, RefundInfo refund) =>
    [
        ForRefund(sourceId, refund.RefundId),
        .. refund.BookedUnderCharge is { } charge
            ? new[] { ForRefund(sourceId, $"{charge}@{refund.Amount.ToString("0.00##", CultureInfo.InvariantCulture)}") }
            : [],
    ];

    /// <summary>Whether <paramref name="sourceKey"/> is a name a refund of <paramref name="sourceId"/> is known by (<see cref="OfRefund"/>).</summary>
    public static bool IsRefundName(string sourceId, string sourceKey) => sourceKey.StartsWith(ForRefund(sourceId, string.Empty), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="sourceKey"/> is the name of refund <paramref name="refundId"/> (<see cref="ForRefund"/>).</summary>
    public static bool NamesRefund(string sourceKey, string refundId) => Names(sourceKey, new SourceObject("refund", refundId));

    /// <summary>Whether <paramref name="sourceKey"/> is the name of the credit <paramref name="creditId"/> (<see cref="ForBalanceCredit"/>).</summary>
    public static bool NamesBalanceCredit(string sourceKey, string creditId) => Names(sourceKey, new SourceObject("credit_note", creditId));

    private static bool Names(string sourceKey, SourceObject subject) => sourceKey.EndsWith("/" + subject.Key, StringComparison.Ordinal);
    /// <summary>
    /// The name a credit to the customer's balance is known by (a Stripe credit note, the only vendor's credit booked so,
    /// <see cref="BalanceCredit"/>): what its voiding, told before the credit was booked, waits under, and what booking the credit wakes.
    /// </summary>
    public static string ForBalanceCredit(string sourceId, string creditId) => Of(sourceId, new SourceObject("credit_note", creditId));

    /// <summary>The names under which a sale event's documents are found and linked: its subject and every alias.</summary>
    public static IReadOnlyList<string> ForSale(string sourceId, SourceEvent sourceEvent) =>
        [Of(sourceId, sourceEvent.Subject), .. sourceEvent.Aliases.Select(alias => Of(sourceId, alias))];

    /// <summary>The names a sale event's documents are also linked under, shared with other sales (<see cref="SourceEvent.SharedNames"/>).</summary>
    public static IReadOnlyList<string> SharedBy(string sourceId, SourceEvent sourceEvent) =>
        sourceEvent.Meaning == EventMeaning.Sale ? [.. sourceEvent.SharedNames.Select(name => Of(sourceId, name))] : [];

    /// <summary>
    /// The names under which a later event looks for its sale: the original it names, else its own subject, then the other
    /// names it gives the sale (a Stripe refund names its charge and payment intent; an invoice's sale may be linked under
    /// either, by invoice.paid before API 2025-03-31 or by invoice_payment.paid after).
    /// </summary>
    public static IReadOnlyList<string> ForOriginal(string sourceId, SourceEvent sourceEvent) =>
    [
        .. new[] { sourceEvent.Original, sourceEvent.Subject }.Concat(sourceEvent.Aliases).OfType<SourceObject>().Select(name => Of(sourceId, name)).Distinct(StringComparer.Ordinal),
    ];
}
