namespace AccountingIntegration.Books;

/// <summary>Money received: the gross amount the customer paid; the processor's fee is separate.</summary>
public sealed record PaymentInfo
{
    public required decimal Amount { get; init; }

    public required string Currency { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>The vendor's id of the payment (charge, capture, payment), for the payment's reference number.</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// The sale's payment is booked once by its <see cref="Reference"/>, whichever event names it: an order event's
    /// <c>payment.id</c> on order.paid and on payment.received alike is one payment, so the second finds it booked.
    /// </summary>
    public bool BookedById { get; init; }

    /// <summary>
    /// A sale event's payment whose <see cref="Amount"/> is that payment's own, not all that the sale says is paid: an order
    /// event naming a payment by its id and amount, without <c>order.paid</c>. Booked as payment.received books it, once
    /// under its id and never beyond what the invoice still owes, without taking off the payments booked for the sale before.
    /// </summary>
    public bool AmountIsItsOwn { get; init; }

    /// <summary>
    /// What the processor kept (PayPal's fee, Stripe's fee), positive. Not booked: the payment goes into Undeposited Funds at
    /// its gross amount, and the fee is recorded with the payout's deposit, where the bank shows the net.
    /// </summary>
    public decimal Fee { get; init; }

    public string? Method { get; init; }

    public Party? Payer { get; init; }
}

/// <summary>One refund: money that went back, and, when the vendor says, what was returned.</summary>
public sealed record RefundInfo
{
    /// <summary>The vendor's id of this refund; a refund is booked once per id.</summary>
    public required string RefundId { get; init; }

    /// <summary>The money that went back to the customer, tax and shipping included.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217; empty when the vendor does not say (a WooCommerce refund object): the sale's currency is meant.</summary>
    public required string Currency { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>Items returned, when the vendor lists them (their amounts need not add up to <see cref="Amount"/>).</summary>
    public IReadOnlyList<SaleLine> Lines { get; init; } = [];

    /// <summary>Of <see cref="Amount"/>, the tax given back.</summary>
    public decimal Tax { get; init; }

    /// <summary>Of <see cref="Amount"/>, the shipping given back.</summary>
    public decimal Shipping { get; init; }

    /// <summary>Of <see cref="Tax"/>, the tax on the shipping given back, when the vendor says.</summary>
    public decimal ShippingTax { get; init; }

    /// <summary>
    /// <see cref="Shipping"/> is stated as its sale's prices are, so with <see cref="ShippingTax"/> inside where those include
    /// it (an order event's <c>refund.shipping</c>, in the order's price basis as its lines' amounts are); the sale says which.
    /// Otherwise it is before tax, as Shopify's <c>shipping_refund</c> adjustment states it.
    /// </summary>
    public bool ShippingStatedAsTheSalesPrices { get; init; }

    /// <summary>Of <see cref="Amount"/>, the import duties given back (Shopify's refund <c>duties</c>), untaxed.</summary>
    public decimal Duties { get; init; }

    /// <summary>
    /// Of <see cref="Amount"/>, what went back onto a gift card (Shopify's <c>gift_card</c> gateway) rather than to the
    /// customer's card or bank: a card issued or topped up, owed again, and no money out of Undeposited Funds.
    /// </summary>
    public decimal ToGiftCards { get; init; }

    public string? Reason { get; init; }

    /// <summary>
    /// The rate at which the vendor converted this refund's money out of the seller's own currency, when it says (PayPal's
    /// <c>seller_payable_breakdown.net_amount_breakdown[].exchange_rate</c>, an order event's <c>refund.conversion</c>): the
    /// refund then takes it as its exchange rate, so what leaves Undeposited Funds is what left the seller's balance. Without
    /// it, QBO's own rate of the refund's day.
    /// </summary>
    public Conversion? ConvertedAt { get; init; }

    /// <summary>
    /// Whether its sale went through a merchant of record, whose tax the refund gives back on that seller's clearing item, is
    /// the sale's to say (<see cref="Sale.SoldThroughMerchantOfRecord"/>): a Shopify refund does not repeat its order's
    /// <c>merchant_of_record_app_id</c>. Its sale is then read as stated before the refund is booked.
    /// </summary>
    public bool SaleSaysWhoseTaxItIs { get; init; }

    /// <summary>
    /// The refund's money came back to the merchant after it had gone: a chargeback reversed once the merchant won the
    /// dispute (Stripe's charge.dispute.funds_reinstated, Paddle's chargeback_reverse). <see cref="Amount"/> is what came
    /// back. Booked as a sales receipt of what the refund gave back, dated the day it came back, so the period the refund
    /// was booked in stays as it was (<see cref="DocumentPlanner.ReinstatedRole"/>).
    /// </summary>
    public bool Reinstated { get; init; }

    /// <summary>
    /// The charge a refund is booked under when that is not by its own id (Stripe API versions 2022-11-15 to 2024-09-30 book
    /// a card refund from charge.refunded as <c>{charge}:{amount_refunded}</c>): on such a refund, and on a refund of those
    /// versions that did not go through, whose documents are then the one refund of that charge booked for the same amount.
    /// Both are known by that charge and amount too, so that booking the one wakes the other told before it.
    /// </summary>
    public string? BookedUnderCharge { get; init; }

    /// <summary>
    /// The vendor states the tax given back even when it is none: a Shopify refund whose order adjustments each carry their
    /// <c>tax_amount</c> (a refund of money alone, "refund_discrepancy", with tax 0.00). Its tax is then not shared out
    /// from its sale's.
    /// </summary>
    public bool TaxStated { get; init; }

    /// <summary>
    /// What the refund listed, as the vendor stated it, when the vendor records a difference from the money as a discrepancy
    /// (Shopify's <c>refund_discrepancy</c> order adjustment); null otherwise. Weighed against the money by
    /// <see cref="ListsMoreThanItsMoney"/>.
    /// </summary>
    public ListedParts? Discrepancy { get; init; }

    /// <summary>
    /// The returned lines, their tax and the shipping come to more than the money that went back, and the vendor records the
    /// difference as a discrepancy (<see cref="Discrepancy"/>): a fee kept of a return, or, of a sale not paid in full, the
    /// lines of an order cancelled after its deposit, of which only the deposit was money. Where
    /// <paramref name="pricesIncludeTax"/> (the sale's, <see cref="Sale.PricesIncludeTax"/>), the lines' amounts hold their
    /// tax already, and it is not counted again.
    /// </summary>
    public bool ListsMoreThanItsMoney(bool pricesIncludeTax) =>
        Discrepancy is { } listed && listed.Lines + (pricesIncludeTax ? 0m : listed.LineTax) + listed.Shipping > Amount;

    /// <summary>
    /// The returned lines state their tax, and their amounts as the sale's prices are stated, so with that tax inside where
    /// those include it (Shopify's refund line <c>subtotal</c>), while the money differs from them by a discrepancy the vendor
    /// records (<see cref="Discrepancy"/>: an extra given back, a fee kept). The money then no longer tells whether their
    /// amounts hold their tax: the sale says (<see cref="Sale.PricesIncludeTax"/>).
    /// </summary>
    public bool LinesStatedAsTheSalesPrices => Discrepancy is not null && Lines.Any(line => line.Tax != 0m);

    /// <summary>
    /// This refund as the money alone: what it listed was not what went back (<see cref="ListsMoreThanItsMoney"/>), so its
    /// sale's lines say it, as for a refund that states only its amount.
    /// </summary>
    public RefundInfo AsItsMoneyAlone() =>
        this with { Lines = [], Tax = 0m, Shipping = 0m, ShippingTax = 0m, Duties = 0m, TaxStated = false, Discrepancy = null };

    /// <summary>Nothing is said of what went back (no lines, tax or shipping), only how much: its sale's lines must say it.</summary>
    public bool StatesOnlyItsAmount => Lines.Count == 0 && Tax == 0m && Shipping == 0m && Duties == 0m && !TaxStated;

    /// <summary>
    /// Booked from its sale's lines, which must be at hand: it states only its amount, or it names no lines and gives back
    /// the whole of a sale of <paramref name="saleTotal"/> (and then must give back its tax and shipping too).
    /// </summary>
    public bool IsBookedFromItsSale(decimal saleTotal) => StatesOnlyItsAmount || (Lines.Count == 0 && Amount == saleTotal);

    /// <summary>Some of its lines name the sold line they return by its id (<see cref="SaleLine.SourceId"/>): its sale's lines say what they leave out.</summary>
    public bool NamesTheSoldLines => Lines.Any(line => line.SourceId is not null);
}

/// <summary>
/// What a refund lists, before it is weighed against its money: the returned lines' amounts as the vendor states them (with
/// their tax inside where the shop's prices include tax), the tax it states on them, and the shipping with its tax.
/// </summary>
public sealed record ListedParts(decimal Lines, decimal LineTax, decimal Shipping);
