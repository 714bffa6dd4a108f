using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// An order as a sale, in the shop's currency (<c>currency</c>, the money Shopify pays out and the plain
/// decimal fields are in). Shopify's own totals are the authority: the sale comes to <c>total_price</c> (or the
/// current total, see <see cref="ShopifyOrderView"/>) to the cent.
/// </summary>
internal static class ShopifySaleReader
{
    public static AdapterResult Read(string topic, JsonElement order, SourceObject subject)
    {
        var view = ShopifyOrderView.For(order);
        var currency = (order.Text("currency") ?? order.Text("total_price_set.shop_money.currency_code"))?.ToUpperInvariant();
        if (currency is null)
        {
            return AdapterResult.Fail("currency", "The order has no currency.");
        }

        if ((order.Amount(view.TotalPrice) ?? order.Amount("total_price")) is not { } total)
        {
            return AdapterResult.Fail(view.TotalPrice, "The order has no total.");
        }

        // processed_at is when the order was placed (it differs from created_at for imported orders); both
        // carry the shop's offset, which the date keeps.
        if ((order.Date("processed_at") ?? order.Date("created_at")) is not { } date)
        {
            return AdapterResult.Fail("created_at", "The order has no date.");
        }

        if (ShopifyLines.MissingPrice(order) is { } missing)
        {
            return AdapterResult.Fail(missing, "A line item has no price.");
        }

        var tip = order.Amount("total_tip_received") ?? 0m;
        var channelRemits = ShopifyCharges.TaxRemitted(order);
        var sale = Balance(new Sale
        {
            Currency = currency,
            Date = date,
            Number = order.Text("name") ?? order.Text("order_number"),
            Customer = ShopifyCustomer.Read(order),
            Lines = ShopifyLines.Read(order, view, currency, tip),
            Shipping = ShopifyCharges.Shipping(order),
            Fees = ShopifyCharges.Fees(order, view),
            Tips = ShopifyCharges.Tips(tip),
            Taxes = ShopifyCharges.Taxes(order, view),
            PricesIncludeTax = order.Bool("taxes_included") ?? false,
            SoldThroughMerchantOfRecord = ShopifyCharges.SoldThroughMerchantOfRecord(order, channelRemits),
            Total = total,
            Memo = order.Text("note"),
        }, order.Amount(view.SubtotalPrice) ?? order.Amount("subtotal_price"));

        if (channelRemits == ShopifyCharges.ByTheChannel.Part)
        {
            sale = sale with
            {
                Notes = [.. sale.Notes, "CHANNEL_LIABLE_TAX: the sales channel that submitted the order remits part of its tax (channel_liable), "
                    + "which is booked as the company's with the rest; take that part off the company's sales tax by hand."],
            };
        }

        var paid = ShopifyPayments.Paid(topic, order, total, ShopifyOrderState.Of(order));
        return AdapterResult.Of(new SourceEvent
        {
            Vendor = ShopifyEvents.Vendor,
            EventType = topic,
            Meaning = EventMeaning.Sale,
            Subject = subject,
            Sale = sale with { GiftCards = ShopifyPayments.GiftCards(order, paid) },
            Paid = paid,
            Edited = view.IsEdited(order),
        });
    }

    /// <summary>
    /// Makes the parts add up to Shopify's totals. First the lines against <c>subtotal_price</c>, which the Admin
    /// REST API's Order resource defines as "the price of the order in the shop currency after discounts but
    /// before shipping, duties, taxes, and tips": lines that exceed it carry a discount the body does not
    /// allocate (the REST docs' order #1001 has three lines of 199.00 and a subtotal of 398.00), lines that fall
    /// short an amount the lines do not show (an "Adjustment" fee). Then whatever still separates the parts
    /// from the total, the same way.
    /// </summary>
    private static Sale Balance(Sale sale, decimal? subtotal)
    {
        if (subtotal is { } vendorSubtotal)
        {
            var lines = sale.Lines.Sum(line => line.Amount - line.Discount);
            sale = Settle(sale, vendorSubtotal - lines, $"The order's lines come to {Money.Show(lines)} after their discounts, but Shopify states a subtotal of {Money.Show(vendorSubtotal)}");
        }

        return Settle(sale, sale.Total - sale.ComputedTotal, $"The order's parts come to {Money.Show(sale.ComputedTotal)}, but its total is {Money.Show(sale.Total)}");
    }

    /// <summary>
    /// A shortfall becomes an "Adjustment" fee, an excess an order discount; either is noted, since the body does not
    /// say what it is (a discount code it does not allocate, an edit it does not itemise).
    /// </summary>
    private static Sale Settle(Sale sale, decimal shortfall, string what) => shortfall switch
    {
        > 0m => sale with
        {
            Fees = WithAdjustment(sale.Fees, shortfall),
            Notes = [.. sale.Notes, $"{what}: the {Money.Show(shortfall)} it does not itemise is booked as an \"Adjustment\" fee."],
        },
        < 0m => sale with
        {
            OrderDiscount = sale.OrderDiscount - shortfall,
            Notes = [.. sale.Notes, $"{what}: the {Money.Show(-shortfall)} between them, a discount the order does not allocate, is booked as a discount."],
        },
        _ => sale,
    };

    private static IReadOnlyList<Charge> WithAdjustment(IReadOnlyList<Charge> fees, decimal amount) =>
        fees.FirstOrDefault(fee => fee.Description == "Adjustment") is { } adjustment
            ? [.. fees.Where(fee => fee != adjustment), adjustment with { Amount = adjustment.Amount + amount }]
            : [.. fees, new Charge("Adjustment", amount)];
}
