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
    /// <summary>
    /// The line for the books: Paddle's pre-tax subtotal less its pre-tax discount, whatever the price's tax mode, as the tax
    /// on it is Paddle's, not the company's (<see cref="PaddleTransactionReader"/>). Out of scope of the company's tax return.
    /// </summary>
    public static SaleLine Read(JsonElement lineItem, JsonElement transaction, string currency)
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

        return new SaleLine
        {
            Description = description,
            ItemKey = lineItem.Text("product.id") ?? lineItem.Text("price_id"),
            Quantity = lineItem.Decimal("quantity") ?? 1m,
            UnitPrice = Minor("unit_totals.subtotal"),
            Amount = Minor("totals.subtotal"),
            Discount = Minor("totals.discount"),
            Taxable = false,
            OutOfScope = true,
        };
    }

    /// <summary>Tax Paddle charged or gave back as the merchant of record: a line of its own, untaxed, on its clearing item.</summary>
    public static SaleLine Tax(string description, decimal amount) => SaleLine.CollectedByMerchantOfRecord(description, amount);
}
