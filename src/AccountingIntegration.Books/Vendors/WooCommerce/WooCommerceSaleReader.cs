using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// A REST API v3 order (the body WooCommerce webhooks send: the <c>/wc/v3/orders/&lt;id&gt;</c> response) as a sale.
/// Money is decimal text, except a line's <c>price</c>, which is a number and is not used: it is the price
/// after discounts. Line <c>subtotal</c> is before discounts, <c>total</c> after; both exclude tax even when the
/// shop enters prices with tax ("All line totals excl. tax", woocommerce/woocommerce#17276), with the tax
/// beside them in <c>subtotal_tax</c> and <c>total_tax</c>.
/// </summary>
internal static class WooCommerceSaleReader
{
    public static AdapterResult Read(string topic, JsonElement order, SourceObject subject, bool paid)
    {
        if (order.Text("currency")?.ToUpperInvariant() is not { } currency)
        {
            return AdapterResult.Fail("currency", "The order has no currency.");
        }

        if (order.Decimal("total") is not { } total)
        {
            return AdapterResult.Fail("total", "The order has no total.");
        }

        // date_created is in the site's time zone (the shop's day); the _gmt twin only when it is missing.
        if ((order.Date("date_created") ?? order.Date("date_created_gmt")) is not { } date)
        {
            return AdapterResult.Fail("date_created", "The order has no date.");
        }

        if (MissingLineTotal(order) is { } missing)
        {
            return AdapterResult.Fail(missing, "A line item has no total.");
        }

        // With prices entered including tax the sale is stated gross, the way the customer saw it.
        var includesTax = order.Bool("prices_include_tax") ?? false;
        var fees = WooCommerceCharges.Fees(order, includesTax);
        var sale = WooCommerceTotals.Balance(new Sale
        {
            Currency = currency,
            Date = date,
            Number = order.Text("number") ?? order.Text("id"),
            Customer = WooCommerceCustomer.Read(order, "billing", "shipping"),
            PlaceOfSupply = WooCommerceTaxRegion.Of(order, "rate_code"),
            Lines = WooCommerceLines.Read(order, includesTax),
            Shipping = WooCommerceCharges.Shipping(order, includesTax),
            Fees = fees.Charges,
            OrderDiscount = fees.Discounts,
            OrderDiscountTax = fees.DiscountTax,
            Taxes = WooCommerceCharges.Taxes(order),
            PricesIncludeTax = includesTax,
            Total = total,
            Memo = order.Text("customer_note"),
        }, subtotal: null);

        return AdapterResult.Of(new SourceEvent
        {
            Vendor = WooCommerceEvents.Vendor,
            EventType = topic,
            Meaning = EventMeaning.Sale,
            Subject = subject,
            Sale = sale,
            Paid = paid ? total : 0m,
            // A processing order is paid, for whatever it totals: an admin who adds a line to it later charges nobody.
            PaidIsTheWholeTotal = true,
            Edited = WooCommerceTopics.IsEdit(topic),
            Payment = paid && total > 0m ? Payment(order, currency, total, date) : null,
        });
    }

    /// <summary>
    /// The payment as WooCommerce names it. <c>date_paid</c> stays empty when a merchant moves a bank-transfer
    /// order to completed by hand; the completion (or, failing that, the last change) is then when the money
    /// was confirmed.
    /// </summary>
    private static PaymentInfo Payment(JsonElement order, string currency, decimal total, DateOnly placed) => new()
    {
        Amount = total,
        Currency = currency,
        Date = order.Date("date_paid") ?? order.Date("date_completed") ?? order.Date("date_modified") ?? placed,
        Reference = order.Text("transaction_id"),
        Method = order.Text("payment_method_title") ?? order.Text("payment_method"),
    };

    private static string? MissingLineTotal(JsonElement order) =>
        order.Array("line_items").Select((line, index) => (line, index))
            .Where(item => item.line.Decimal("total") is null)
            .Select(item => $"line_items[{item.index}].total")
            .FirstOrDefault();
}
