using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// An order in the Legacy REST API v3 format, which webhooks whose API version is "Legacy API v3" send inside
/// <c>{"order": …}</c> (woocommerce-rest-api-docs, v3/_orders.md). Other names for the same things: <c>subtotal</c>
/// (lines before discounts), <c>total_shipping</c> and <c>shipping_tax</c>, <c>cart_tax</c>, <c>total_discount</c>,
/// <c>billing_address</c>; line, shipping and tax totals exclude tax, and tax lines include shipping tax. Dates
/// are UTC (<c>created_at</c>), so a late-evening order may be dated the next day.
/// </summary>
internal static class WooCommerceLegacySaleReader
{
    public static AdapterResult Read(string topic, JsonElement order, SourceObject subject, bool paid)
    {
        if (order.Text("currency")?.ToUpperInvariant() is not { } currency)
        {
            return AdapterResult.Fail("order.currency", "The order has no currency.");
        }

        if (order.Decimal("total") is not { } total)
        {
            return AdapterResult.Fail("order.total", "The order has no total.");
        }

        if (order.Date("created_at") is not { } date)
        {
            return AdapterResult.Fail("order.created_at", "The order has no date.");
        }

        var sale = WooCommerceTotals.Balance(new Sale
        {
            Currency = currency,
            Date = date,
            Number = order.Text("order_number") ?? order.Text("id"),
            Customer = WooCommerceCustomer.Read(order, "billing_address", "shipping_address"),
            PlaceOfSupply = WooCommerceTaxRegion.Of(order, "code"),
            Lines = Lines(order),
            Shipping = Shipping(order),
            Fees = Fees(order),
            Taxes = order.Array("tax_lines")
                .Select(line => new TaxLine(line.Decoded("title") ?? line.Text("code") ?? "Tax", null, line.Decimal("total") ?? 0m))
                .Where(line => line.Amount != 0m)
                .ToList(),
            Total = total,
            Memo = order.Text("note"),
        }, order.Decimal("subtotal"));

        return AdapterResult.Of(new SourceEvent
        {
            Vendor = WooCommerceEvents.Vendor,
            EventType = topic,
            Meaning = EventMeaning.Sale,
            Subject = subject,
            Sale = sale,
            Paid = paid ? total : 0m,
            Edited = WooCommerceTopics.IsEdit(topic),
            Payment = paid && total > 0m
                ? new PaymentInfo
                {
                    Amount = total,
                    Currency = currency,
                    Date = order.Date("completed_at") ?? order.Date("updated_at") ?? date,
                    Reference = order.Text("payment_details.transaction_id"),
                    Method = order.Text("payment_details.method_title"),
                }
                : null,
        });
    }

    private static IReadOnlyList<SaleLine> Lines(JsonElement order) =>
        order.Array("line_items")
            .Select(line =>
            {
                var total = line.Decimal("total") ?? 0m;
                var amount = Math.Max(line.Decimal("subtotal") ?? total, total);
                var quantity = line.Decimal("quantity") ?? 1m;
                var tax = line.Decimal("total_tax") ?? 0m;
                return new SaleLine
                {
                    Description = line.Decoded("name") ?? "Item",
                    ItemKey = line.Text("sku") ?? line.Text("product_id") ?? line.Decoded("name"),
                    Quantity = quantity,
                    UnitPrice = Money.UnitPrice(amount, quantity),
                    Amount = amount,
                    Discount = amount - total,
                    Tax = tax,
                    Taxable = tax != 0m || (line.Decimal("subtotal_tax") ?? 0m) != 0m,
                };
            })
            .ToList();

    /// <summary>Legacy shipping lines carry no tax; the order's <c>shipping_tax</c> belongs to the one line there usually is.</summary>
    private static IReadOnlyList<Charge> Shipping(JsonElement order)
    {
        var lines = order.Array("shipping_lines").ToList();
        var tax = lines.Count == 1 ? order.Decimal("shipping_tax") ?? 0m : 0m;
        return lines.Select(line => new Charge(line.Decoded("method_title") ?? "Shipping", line.Decimal("total") ?? 0m) { Tax = tax }).ToList();
    }

    private static IReadOnlyList<Charge> Fees(JsonElement order) =>
        order.Array("fee_lines")
            .Select(line => new Charge(line.Decoded("title") ?? "Fee", line.Decimal("total") ?? 0m) { Tax = line.Decimal("total_tax") ?? 0m })
            .Where(fee => fee.Amount > 0m)
            .ToList();
}
