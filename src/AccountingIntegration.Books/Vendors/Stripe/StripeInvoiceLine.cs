using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// One invoice line in both of Stripe's layouts. Before 2025-03-31 a line names its <c>price</c> (or
/// <c>plan</c>) and lists <c>tax_amounts</c>; from 2025-03-31.basil the price moves under
/// <c>pricing.price_details</c> with the unit amount in <c>pricing.unit_amount_decimal</c>, taxes become
/// <c>taxes[]</c> with a <c>tax_behavior</c>, and what generated the line sits in <c>parent</c>
/// (https://docs.stripe.com/api/invoice-line-item/object,
/// https://docs.stripe.com/changelog/basil/2025-03-31/invoice-pricing-configurations). <c>amount</c> is the
/// line before discounts and, for tax-inclusive prices, with the tax in it. A credit note's line has the same amounts,
/// discounts and taxes (<c>tax_amounts</c> before basil, <c>taxes</c> from it) and its unit amount in
/// <c>unit_amount_decimal</c> (https://docs.stripe.com/api/credit_notes/line_item), so it is read the same way.
/// </summary>
internal sealed record StripeInvoiceLine(
    string Description,
    string? ItemKey,
    decimal Quantity,
    decimal? StatedUnitPrice,
    decimal Amount,
    decimal Discount,
    decimal Tax,
    decimal InclusiveTax)
{
    /// <summary>The line's own id (<c>il_…</c>, a credit note's <c>cnli_…</c>).</summary>
    public string? Id { get; init; }

    public static StripeInvoiceLine Read(JsonElement line, string currency)
    {
        var quantity = line.Decimal("quantity_decimal") ?? line.Decimal("quantity") ?? 1m;

        // Discounts Stripe spread over the line (the invoice's own coupons included), plus billing credits,
        // which lower the line before tax just as a discount does; pretax_credit_amounts of type "discount"
        // repeat discount_amounts and are not counted twice.
        var discount = line.Array("discount_amounts").Sum(amount => amount.Long("amount") ?? 0)
            + line.Array("pretax_credit_amounts").Where(credit => credit.Text("type") == "credit_balance_transaction").Sum(credit => credit.Long("amount") ?? 0);

        var taxes = line.Array("taxes").Select(tax => (Amount: tax.Long("amount") ?? 0, Inclusive: tax.Text("tax_behavior") == "inclusive"))
            .Concat(line.Array("tax_amounts").Select(tax => (Amount: tax.Long("amount") ?? 0, Inclusive: tax.Bool("inclusive") == true)))
            .ToList();

        return new StripeInvoiceLine(
            Description: line.Text("description") ?? line.Text("price.nickname") ?? $"Invoice line {line.Text("id")}",
            ItemKey: line.Text("pricing.price_details.product") ?? line.IdAt("price.product") ?? line.IdAt("plan.product")
                ?? line.IdAt("pricing.price_details.price") ?? line.Text("price.id"),
            Quantity: quantity,
            StatedUnitPrice: UnitAmount(line) is { } unitAmount ? unitAmount * StripeMoney.FromMinorUnits(1, currency) : null,
            Amount: StripeMoney.FromMinorUnits(line.Long("amount") ?? 0, currency),
            Discount: StripeMoney.FromMinorUnits(discount, currency),
            Tax: StripeMoney.FromMinorUnits(taxes.Sum(tax => tax.Amount), currency),
            InclusiveTax: StripeMoney.FromMinorUnits(taxes.Where(tax => tax.Inclusive).Sum(tax => tax.Amount), currency))
        {
            Id = line.Text("id"),
        };
    }

    /// <summary>
    /// The line as the books take it. With every tax inclusive the amounts stay gross, as the invoice shows
    /// them; when inclusive and exclusive taxes mix, inclusive lines are taken net of their tax so one
    /// tax-exclusive sale holds them all. A unit price that does not multiply out to the amount (a proration,
    /// a tiered price) gives way to amount ÷ quantity.
    /// </summary>
    public SaleLine ToSaleLine(bool pricesIncludeTax, string currency)
    {
        var amount = pricesIncludeTax ? Amount : Amount - InclusiveTax;
        var statedUnitPrice = pricesIncludeTax || InclusiveTax == 0 ? StatedUnitPrice : null;
        var unitPrice = statedUnitPrice is { } stated && Money.Round(stated * Quantity, currency) == amount
            ? stated
            : Quantity == 0 ? amount : Math.Round(amount / Quantity, 6, MidpointRounding.AwayFromZero);

        return new SaleLine
        {
            Description = Description,
            ItemKey = ItemKey,
            Quantity = Quantity,
            UnitPrice = unitPrice,
            Amount = amount,
            Discount = Discount,
            Tax = Tax,
            Taxable = Tax != 0,
            SourceId = Id,
        };
    }

    /// <summary>The unit amount in minor units, possibly fractional ("1999.5"), from whichever layout the line uses.</summary>
    private static decimal? UnitAmount(JsonElement line) =>
        line.Decimal("pricing.unit_amount_decimal")
        ?? line.Decimal("unit_amount_decimal")
        ?? line.Decimal("price.unit_amount_decimal")
        ?? line.Decimal("plan.amount_decimal");
}
