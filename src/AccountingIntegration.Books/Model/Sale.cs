namespace AccountingIntegration.Books;

/// <summary>
/// A sale as the vendor stated it. <see cref="Total"/> is the vendor's own grand total, and the document
/// booked for it must come to exactly that: lines, minus discounts, plus shipping, fees, tips and tax.
/// </summary>
public sealed record Sale
{
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>The vendor's order or invoice number, for the document number.</summary>
    public string? Number { get; init; }

    public required Party Customer { get; init; }

    /// <summary>
    /// Where the sale is supplied, for its tax: the region (province, state) of the buyer's ship-to address, else of the
    /// bill-to, unless set (WooCommerce's tax lines name the province their rate is for). In Canada it tells apart the tax codes of one combined rate (HST NB, HST NL and Prince Edward
    /// Island's HST at 15 %; GST/PST BC and GST/PST MB at 12 %). A sale built from another without its buyer (a refund's
    /// share, a credit) carries it over.
    /// </summary>
    public string? PlaceOfSupply
    {
        get => field ?? Customer.ShippingAddress?.Region ?? Customer.BillingAddress?.Region;
        init;
    }

    public required IReadOnlyList<SaleLine> Lines { get; init; }

    public IReadOnlyList<Charge> Shipping { get; init; } = [];

    /// <summary>Fees the buyer paid (handling, surcharges, insurance) — not the vendor's processing fee.</summary>
    public IReadOnlyList<Charge> Fees { get; init; } = [];

    public IReadOnlyList<Charge> Tips { get; init; } = [];

    /// <summary>Discounts not allocated to a line (positive); line discounts are on the lines.</summary>
    public decimal OrderDiscount { get; init; }

    /// <summary>
    /// The tax the order discount took off (positive) and the rate it took it at (0.12 for GST + PST), where the vendor
    /// states them (a WooCommerce negative fee's <c>taxes</c>); null where it does not.
    /// </summary>
    public (decimal Tax, decimal Rate)? OrderDiscountTax { get; init; }

    /// <summary>The tax charged, by rate or jurisdiction, as the vendor reported it (each amount positive).</summary>
    public IReadOnlyList<TaxLine> Taxes { get; init; } = [];

    /// <summary>Unit prices, shipping and fees include tax (VAT-style pricing).</summary>
    public bool PricesIncludeTax { get; init; }

    /// <summary>
    /// The vendor says nothing of tax: a payment processor's payment (a Square payment, a PayPal capture, a Stripe payment
    /// without an invoice) carries only the amount charged, inside which any tax is. Booked untaxed, and the sync log says so
    /// where the company keeps sales tax or VAT.
    /// </summary>
    public bool TaxNotStated { get; init; }

    /// <summary>
    /// Sold through a merchant of record (a Shopify order through Managed Markets, whose <c>merchant_of_record_app_id</c> names
    /// the app that sold it; one whose sales channel remits all its tax, as a marketplace does; every Paddle sale): the
    /// merchant of record is the legal seller to the buyer, and collects and remits the taxes and duties itself. The lines stay
    /// as the vendor stated them, tax and all, so that refunds and shares of the sale read them as stated; its documents take
    /// the tax out onto the merchant of record's clearing item (<see cref="MerchantOfRecordSale"/>). Paddle states its lines
    /// so already.
    /// </summary>
    public bool SoldThroughMerchantOfRecord { get; init; }

    /// <summary>The vendor's grand total, tax included: what the customer owes for the sale.</summary>
    public required decimal Total { get; init; }

    /// <summary>Part of the total paid with gift cards (a tender, not a discount).</summary>
    public decimal GiftCards { get; init; }

    /// <summary>
    /// Part of the total taken off by credit notes issued before it was paid (Stripe's <c>pre_payment_credit_notes_amount</c>):
    /// less was sold than the invoice says, so it is booked as a credit memo of the sale, not as a payment.
    /// </summary>
    public decimal CreditNotes { get; init; }

    /// <summary>
    /// Part of the total paid from the customer's credit balance with the vendor (Stripe's customer balance, applied when
    /// the invoice was finalized): money the vendor held for the customer from before, not money collected now.
    /// </summary>
    public decimal CustomerBalance { get; init; }

    /// <summary>
    /// Money collected beyond what the sale owed, which the vendor keeps as the customer's credit balance (Stripe's
    /// <c>amount_overpaid</c>): received, and owed back to the customer until it is spent.
    /// </summary>
    public decimal Overpaid { get; init; }

    /// <summary>
    /// The sale is a credit the vendor gave the customer rather than a sale (a Stripe invoice whose total is below zero, a
    /// downgrade's proration): its lines are what was credited, net of any charges on it, and its total goes onto the
    /// customer's credit balance instead of being owed.
    /// </summary>
    public bool CreditsCustomerBalance { get; init; }

    public string? Memo { get; init; }

    /// <summary>
    /// The seller's own reference for the sale (PayPal's <c>custom_id</c>): kept in the document's private note, since the
    /// customer memo prints on the invoice the customer sees.
    /// </summary>
    public string? Reference { get; init; }

    /// <summary>
    /// The rate at which the vendor converted the sale's money into the seller's own currency (PayPal's
    /// <c>seller_receivable_breakdown.exchange_rate</c>, Paddle's payout exchange rate), when it did. In a company whose
    /// home currency that is, the sale and its payment take it as their <c>ExchangeRate</c>: the money converted at it is
    /// what reaches the bank, so its deposit shows no exchange gain or loss that did not happen.
    /// </summary>
    public Conversion? ConvertedAt { get; init; }

    /// <summary>What the adapter had to add for the parts to come to the vendor's totals, in words for the sync log.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The total tax the vendor charged.</summary>
    public decimal TaxTotal => Taxes.Sum(t => t.Amount);

    /// <summary>
    /// The total the parts add up to: lines less their discounts, less the order discount, plus shipping
    /// (less its discounts), fees and tips, plus tax unless prices already include it. An adapter makes this
    /// equal <see cref="Total"/> whenever the vendor's own totals allow, so a document built from the parts
    /// comes to the vendor's total.
    /// </summary>
    public decimal ComputedTotal =>
        Lines.Sum(l => l.Amount - l.Discount) - OrderDiscount
        + Shipping.Sum(c => c.Amount - c.Discount) + Fees.Sum(c => c.Amount - c.Discount) + Tips.Sum(c => c.Amount - c.Discount)
        + (PricesIncludeTax ? 0 : TaxTotal);
}

/// <summary>One sold item.</summary>
public sealed record SaleLine
{
    public required string Description { get; init; }

    /// <summary>How to find the QBO item: the SKU, else the vendor's product id or name.</summary>
    public string? ItemKey { get; init; }

    /// <summary>May be fractional (hours, weights).</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Before any discount; including tax when the sale's prices include tax.</summary>
    public required decimal UnitPrice { get; init; }

    /// <summary>Quantity × unit price as the vendor stated it (the vendor's rounding wins over ours).</summary>
    public required decimal Amount { get; init; }

    /// <summary>Discount allocated to this line (positive).</summary>
    public decimal Discount { get; init; }

    /// <summary>Tax charged on this line, when the vendor says (positive).</summary>
    public decimal Tax { get; init; }

    /// <summary>The tax rate applied to this line (0.06 for 6 %), when the vendor says.</summary>
    public decimal? TaxRate { get; init; }

    public bool Taxable { get; init; } = true;

    /// <summary>
    /// No supply of the company's tax return: sold through a merchant of record (Paddle), which sells to the buyer itself and
    /// pays the company out; the tax return counts that supply from the payout's documents, not from each sale. Booked at
    /// the company's out-of-scope code.
    /// </summary>
    public bool OutOfScope { get; init; }

    /// <summary>A gift card sold: money held for the buyer, not income.</summary>
    public bool IsGiftCard { get; init; }

    /// <summary>The customer's credit balance with the vendor, put in or spent: money held for the buyer, not income.</summary>
    public bool IsCustomerBalance { get; init; }

    /// <summary>
    /// Tax (or duties) the vendor charged as the merchant of record (Paddle, Shopify Managed Markets), which it withholds
    /// from the payout and remits itself: not the company's to pay, nor income. Untaxed, on its own item
    /// (<see cref="BookingSettings.MerchantOfRecordTaxItem"/>).
    /// </summary>
    public bool IsMerchantOfRecordTax { get; init; }

    /// <summary>Tax or duties a merchant of record collected from the buyer: a line of its own, untaxed, on its clearing item.</summary>
    public static SaleLine CollectedByMerchantOfRecord(string description, decimal amount) => new()
    {
        Description = description,
        Quantity = 1m,
        UnitPrice = amount,
        Amount = amount,
        Taxable = false,
        IsMerchantOfRecordTax = true,
    };

    /// <summary>
    /// The vendor's id of the line (a Stripe invoice line's <c>il_…</c>, an order event's <c>lines[].id</c>); on a credit's
    /// or a refund's line, the id of the sold line it credits or returns. A credit or refund whose lines name no product
    /// takes the item of the line it names (<see cref="ReturnedLines"/>).
    /// </summary>
    public string? SourceId { get; init; }

    /// <summary>
    /// A returned line that names its sold line (<see cref="SourceId"/>) and states no amount of its own: it is worth what
    /// was charged for the quantity returned of that line, which <see cref="ReturnedLines"/> works out once the sale's lines
    /// are at hand. Until then its amount is 0.
    /// </summary>
    public bool WorthItsSoldLine { get; init; }

    /// <summary>
    /// A part of a sold line (a share of a refund, some of its units returned) whose tax is its part of that line's tax, as the
    /// vendor shares it: where QBO taxes line by line its amount is moved to that tax (<see cref="PerLineShares"/>). A whole
    /// line goes back at its amount, so QBO takes back the tax it took on the sale, whatever the vendor stated.
    /// </summary>
    public bool PartOfItsSoldLine { get; init; }
}

/// <summary>Shipping, a fee or a tip: an amount, the tax on it, and a description.</summary>
public sealed record Charge(string Description, decimal Amount)
{
    public decimal Tax { get; init; }

    public decimal? TaxRate { get; init; }

    /// <summary>Discount on this charge (free-shipping codes), positive.</summary>
    public decimal Discount { get; init; }

    /// <summary>
    /// Import duties the buyer paid (Shopify's <c>total_duties_set</c>): on the fees item, unless a merchant of record sold
    /// the order, which collects them for the border itself (<see cref="MerchantOfRecordSale"/>).
    /// </summary>
    public bool IsDuties { get; init; }
}

/// <summary>Tax by rate or jurisdiction (State Tax 6 %, GST 5 %, VAT 20 %).</summary>
public sealed record TaxLine(string Name, decimal? Rate, decimal Amount);

/// <summary>A vendor's conversion: <paramref name="Rate"/> units of <paramref name="ToCurrency"/> for one unit of the sale's currency.</summary>
public sealed record Conversion(string ToCurrency, decimal Rate)
{
    /// <summary>A conversion from <paramref name="from"/> to another currency at a positive rate; null otherwise (Paddle states 1 for none).</summary>
    public static Conversion? Of(string from, string? to, decimal? rate) =>
        to is { Length: > 0 } && rate is > 0m && !to.Equals(from, StringComparison.OrdinalIgnoreCase) ? new(to.ToUpperInvariant(), rate.Value) : null;
}
