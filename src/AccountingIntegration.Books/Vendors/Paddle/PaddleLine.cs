using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>
/// A transaction's line as Paddle calculated it: <c>details.line_items[]</c> with per-line
/// <c>totals</c> and <c>unit_totals</c> ({subtotal, discount, tax, total}), <c>tax_rate</c>, the product,
/// and the price it came from in <c>items[]</c> (https://developer.paddle.com/api-reference/transactions/overview).
/// Paddle's <c>subtotal</c> is before tax even when the price includes tax: a 10.00 tax-inclusive price at 10%
/// is subtotal 9.09, tax 0.91, total 10.00
/// (https://developer.paddle.com/changelog/2025/automatic-tax-inclusive-exclusive-prices).
/// </summary>
internal static class PaddleLine
{
    /// <summary>The price's <c>tax_mode</c>: "internal" prices include tax, "external" ones add it.</summary>
    public static string? TaxModeOf(JsonElement lineItem, JsonElement transaction) =>
        transaction.Array("items")
            .Where(item => item.Text("price.id") == lineItem.Text("price_id"))
            .Select(item => item.Text("price.tax_mode"))
            .FirstOrDefault();

    /// <summary>
    /// The line for the books. Tax-inclusive prices keep their gross amounts (what the customer saw);
    /// otherwise the line is Paddle's pre-tax subtotal with its discount and the tax beside it. Either way
    /// the line's part of the total is Paddle's own <c>totals.total</c>.
    /// </summary>
    public static SaleLine Read(JsonElement lineItem, JsonElement transaction, string currency, bool pricesIncludeTax)
    {
        decimal Minor(string path) => Money.FromMinorUnits(lineItem.Long(path) ?? 0, currency);

        var price = transaction.Array("items").Select(item => item.At("price")).FirstOrDefault(candidate => candidate?.Text("id") == lineItem.Text("price_id"));
        var productName = lineItem.Text("product.name");
        var priceName = price?.Text("description") ?? price?.Text("name");
        var description = (productName, priceName) switch
        {
            ({ } product, { } priceLabel) when product != priceLabel => $"{product} - {priceLabel}",
            ({ } product, _) => product,
            (null, { } priceLabel) => priceLabel,
            _ => $"Paddle item {lineItem.Text("id")}",
        };

        var discount = Minor("totals.discount");
        var tax = Minor("totals.tax");
        var total = Minor("totals.total");
        var rate = lineItem.Decimal("tax_rate") ?? 0m;

        // Paddle states a discount before tax. For a tax-inclusive price the customer saw the gross price and
        // a gross discount, so the line is rebuilt gross: the pre-tax subtotal grossed up at the line's rate,
        // less whatever brings it to Paddle's own total. Amount - Discount is Paddle's total either way.
        var grossAmount = discount == 0 ? total : Money.Round(Minor("totals.subtotal") * (1 + rate), currency);
        var grossUnitPrice = discount == 0 ? Minor("unit_totals.total") : Money.Round(Minor("unit_totals.subtotal") * (1 + rate), currency);
        return new SaleLine
        {
            Description = description,
            ItemKey = lineItem.Text("product.id") ?? lineItem.Text("price_id"),
            Quantity = lineItem.Decimal("quantity") ?? 1m,
            UnitPrice = pricesIncludeTax ? grossUnitPrice : Minor("unit_totals.subtotal"),
            Amount = pricesIncludeTax ? grossAmount : Minor("totals.subtotal"),
            Discount = pricesIncludeTax ? grossAmount - total : discount,
            Tax = tax,
            TaxRate = lineItem.Decimal("tax_rate"),
            Taxable = tax != 0,
        };
    }
}
