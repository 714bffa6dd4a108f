namespace AccountingIntegration.Books;

/// <summary>
/// One vendor event read into the books' own terms: what it means (<see cref="Meaning"/>), which source
/// object it is about, and the money it moved. Every amount is a <c>decimal</c> in the currency's major
/// unit (cents already divided), positive, to the cent as the vendor stated it.
/// </summary>
public sealed record SourceEvent
{
    /// <summary>The source type of the adapter that read it: stripe, shopify, woocommerce, paddle, paypal, square.</summary>
    public required string Vendor { get; init; }

    /// <summary>The vendor's event name: Stripe <c>type</c>, Shopify topic, WooCommerce topic, Paddle and PayPal <c>event_type</c>, Square <c>type</c>.</summary>
    public required string EventType { get; init; }

    public required EventMeaning Meaning { get; init; }

    /// <summary>For <see cref="EventMeaning.NoMoney"/>: why nothing is booked, in words a bookkeeper understands.</summary>
    public string? IgnoredBecause { get; init; }

    /// <summary>The object the event is about (a Stripe invoice or charge, a Shopify order, a Square payment…).</summary>
    public required SourceObject Subject { get; init; }

    /// <summary>
    /// Other names of the same sale, so later events that name it differently find it: a Stripe invoice's
    /// charge and payment intent, a Square payment's order.
    /// </summary>
    public IReadOnlyList<SourceObject> Aliases { get; init; } = [];

    /// <summary>
    /// For a sale: names it shares with other sales (the Square order a split tender pays in several payments, the PayPal
    /// order or authorization captured in parts, the PayPal subscription each renewal pays). The sale is linked under them
    /// too, so a later event that names only them finds a sale; but unlike <see cref="Aliases"/> they never make another
    /// sale event find this one booked, since each payment under them is a sale of its own.
    /// </summary>
    public IReadOnlyList<SourceObject> SharedNames { get; init; } = [];

    /// <summary>
    /// For <see cref="EventMeaning.NoMoney"/>: the event books nothing, but its <see cref="Aliases"/> are other names of the
    /// <see cref="Original"/> sale, which the sale is linked under once it is booked, so that events naming it so find it
    /// (a Stripe invoice payment pairs the invoice with the payment intent or charge that paid it).
    /// </summary>
    public bool OnlyNamesTheSale { get; init; }

    /// <summary>
    /// For a sale: it is the fuller record of the sale its <see cref="Aliases"/> name (a Stripe invoice, with its lines and
    /// tax, beside the payment intent and charge that paid it). A sale found booked under an alias alone was booked from
    /// less (the payment as a one-line sale of its own), and the sync log says so rather than take this one as booked.
    /// </summary>
    public bool FullerThanItsAliases { get; init; }

    /// <summary>For a payment, refund or cancellation: the sale it belongs to (null when the vendor does not say).</summary>
    public SourceObject? Original { get; init; }

    /// <summary>
    /// For a cancellation: the day the sale was cancelled, when the vendor says (Shopify's <c>cancelled_at</c>). A sale paid in
    /// part is credited for what it still owed on that day.
    /// </summary>
    public DateOnly? CancelledOn { get; init; }

    /// <summary>
    /// The sale, for <see cref="EventMeaning.Sale"/>. A refund or cancellation may carry it too (the order as it now
    /// stands): a refund whose sale was never booked then books the sale first.
    /// </summary>
    public Sale? Sale { get; init; }

    /// <summary>For a sale: how much of it the customer has already paid (the whole total for a paid order).</summary>
    public decimal Paid { get; init; }

    /// <summary>
    /// For a sale: <see cref="Paid"/> is the whole total because the order is marked paid, not money the vendor counts
    /// (WooCommerce's processing and completed). An edit that raises a paid order's total then leaves the difference owed:
    /// nothing says it was paid. Otherwise (Shopify's <c>total_outstanding</c>) more paid than the booked payment is money
    /// received since, booked as a payment of its own.
    /// </summary>
    public bool PaidIsTheWholeTotal { get; init; }

    /// <summary>
    /// For a sale: the vendor says it changed since it was placed (an order edited in Shopify, a WooCommerce
    /// order.updated, which is how WooCommerce sends an edit). A booked invoice whose total it no longer states is then
    /// revised to it; any other sale event finds its sale booked as it is, whatever total QBO computed for it.
    /// </summary>
    public bool Edited { get; init; }

    /// <summary>For <see cref="EventMeaning.Payment"/> (and a sale paid at once, when the vendor names the payment).</summary>
    public PaymentInfo? Payment { get; init; }

    /// <summary>
    /// For <see cref="EventMeaning.Refund"/>: every refund the event shows, each with its own id. Vendors that
    /// report refunds cumulatively (a Stripe charge lists all its refunds) give them all; the service books
    /// those it has not booked yet, so a redelivery or a later refund never books one twice. For a
    /// <see cref="EventMeaning.Cancellation"/>: the refunds that did not go through after all (a Stripe refund that
    /// failed or was canceled), whose documents, if any were booked, are taken back; the sale's document stays.
    /// </summary>
    public IReadOnlyList<RefundInfo> Refunds { get; init; } = [];

    /// <summary>
    /// For <see cref="EventMeaning.Refund"/>: instead of money back, credit put on the customer's balance with the vendor
    /// for the sale (a Stripe credit note issued after the invoice was paid). Booked once, by its id.
    /// </summary>
    public BalanceCredit? BalanceCredit { get; init; }

    /// <summary>
    /// For a <see cref="EventMeaning.Cancellation"/>: the id of a credit to the customer's balance that was voided (a Stripe
    /// credit note, <see cref="BalanceCredit.CreditId"/>), whose documents, if any were booked, are taken back; the sale's stay.
    /// </summary>
    public string? VoidedBalanceCredit { get; init; }
}

/// <summary>What an event does to the books.</summary>
public enum EventMeaning
{
    /// <summary>Something was sold: an order, an invoice, a transaction.</summary>
    Sale,

    /// <summary>Money was received for an earlier sale.</summary>
    Payment,

    /// <summary>Money went back to the customer for an earlier sale (or came back after, <see cref="RefundInfo.Reinstated"/>).</summary>
    Refund,

    /// <summary>
    /// An earlier sale was cancelled: before money moved its document is voided; once part of it was paid, what it still
    /// owed is credited. Or, when the event names <see cref="SourceEvent.Refunds"/>, those refunds did not go through, or,
    /// when it names a <see cref="SourceEvent.VoidedBalanceCredit"/>, that credit was voided: the documents booked for them
    /// are taken back.
    /// </summary>
    Cancellation,

    /// <summary>Nothing to book: a declined payment, a pending refund, a dispute awaiting response, a notice without amounts.</summary>
    NoMoney,
}

/// <summary>A vendor object, named the way later events name it.</summary>
/// <param name="Kind">invoice, charge, payment_intent, order, transaction, capture, payment, refund…</param>
/// <param name="Id">The vendor's id, as text (Shopify's ids above 2^53 stay exact).</param>
public sealed record SourceObject(string Kind, string Id)
{
    /// <summary>The key the ledger links use: <c>{kind}:{id}</c>.</summary>
    public string Key => $"{Kind}:{Id}";

    public override string ToString() => Key;
}
