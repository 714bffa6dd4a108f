using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// A refunds/create body, the bare Refund resource. Shopify's Refund has two parts: "transaction records of
/// money returned to the customer" and "the line items included in the refund". The transactions say how
/// much money went back (kind refund, status success); the lines, shipping and tax say what was returned
/// and need not add up to it (Shopify's fixture refunds two 199.00 lines with 209.00). The money is booked in
/// the shop's currency, like the order (<see cref="ShopifyRefundCurrency"/>).
/// </summary>
internal static class ShopifyRefundReader
{
    public static AdapterResult Read(string topic, JsonElement refund)
    {
        if (refund.Id() is not { } id)
        {
            return AdapterResult.Fail("id", "The refund body has no id.");
        }

        if (refund.Text("order_id") is not { } orderId)
        {
            return AdapterResult.Fail("order_id", "The refund does not name its order.");
        }

        var subject = new SourceObject("refund", id);
        var transactions = refund.Array("transactions")
            .Where(transaction => transaction.Text("kind") == "refund" && transaction.Text("status") == "success")
            .ToList();
        var amount = transactions.Sum(transaction => transaction.Amount("amount") ?? 0m);
        // Refunded onto a gift card (a card issued or topped up): owed again, not money out of the shop.
        var toGiftCards = transactions.Where(transaction => transaction.Text("gateway") == "gift_card").Sum(transaction => transaction.Amount("amount") ?? 0m);
        if (amount <= 0m)
        {
            return ShopifyEvents.NoMoney(topic, subject,
                "No money went back: the refund has no successful refund transaction (it only restocks items, or its transaction is pending or failed).");
        }

        var shopCurrency = ShopifyRefundCurrency.ShopCurrency(refund);
        var currency = transactions.Select(transaction => transaction.Text("currency")).FirstOrDefault(code => code is not null)?.ToUpperInvariant()
            ?? shopCurrency;
        if (currency is null)
        {
            return AdapterResult.Fail("transactions[].currency", "The refund's transactions name no currency.");
        }

        if (shopCurrency is not null && shopCurrency != currency)
        {
            // The customer was paid back in their own currency; the order was booked in the shop's.
            if (ShopifyRefundCurrency.ToShop(refund, amount, currency, shopCurrency) is not { } inShopCurrency)
            {
                return AdapterResult.Fail("transactions[].currency",
                    $"The refund went back in {currency}, the customer's currency, and states no amount in both {currency} and the shop's {shopCurrency} to convert it with.");
            }

            toGiftCards = Money.Round(toGiftCards * inShopCurrency / amount, shopCurrency);
            amount = inShopCurrency;
            currency = shopCurrency;
        }

        if ((refund.Date("processed_at") ?? refund.Date("created_at")) is not { } date)
        {
            return AdapterResult.Fail("created_at", "The refund has no date.");
        }

        var shipping = ShopifyRefundParts.Shipping(refund);
        // What the parts claim never exceeds the money that went back (a refund can return items for less than their price:
        // Shopify records the difference as a discrepancy).
        var duties = Math.Min(ShopifyRefundParts.Duties(refund), amount);
        var shippingBack = Math.Min(shipping.Amount, amount - duties);
        var tax = Math.Min(ShopifyRefundParts.LineTax(refund) + shipping.Tax, amount - duties - shippingBack);
        var lines = ShopifyRefundParts.Lines(refund, currency);
        return ShopifyEvents.Refunds(topic, subject, orderId,
            [
                new RefundInfo
                {
                    RefundId = id,
                    Amount = amount,
                    Currency = currency,
                    Date = date,
                    Lines = lines,
                    Shipping = shippingBack,
                    Tax = tax,
                    ShippingTax = Math.Min(shipping.Tax, tax),
                    Duties = duties,
                    // An order adjustment states its tax_amount: money given back through adjustments alone that state no tax
                    // (a discrepancy, a refund of an amount without items) gave back none, not a share of the order's. One that
                    // states some is left to the share, its sign not being documented.
                    TaxStated = refund.Array("order_adjustments").ToList() is { Count: > 0 } adjustments
                        && adjustments.All(adjustment => (adjustment.Amount("tax_amount") ?? 0m) == 0m),
                    Discrepancy = ShopifyRefundParts.Discrepancy(refund, lines, shipping),
                    ToGiftCards = toGiftCards,
                    Reason = refund.Text("note"),
                    SaleSaysWhoseTaxItIs = true,
                },
            ]);
    }
}
