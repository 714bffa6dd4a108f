using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// refund.created: money given back for an order, booked once per <c>refund.id</c>. Its <c>amount</c> is the money, tax
/// and shipping included; the returned <c>lines</c>, <c>shipping</c> and <c>tax</c> say what it was for, and whatever the
/// money differs from them by (a restocking fee kept, goodwill given) is booked as a line of its own. An event that states
/// the whole order carries it too, so a refund whose order was never booked books the order first.
/// </summary>
internal static class OrderRefundEvent
{
    public static SourceEvent? Read(string type, JsonElement body, SourceObject order, OrderFields fields)
    {
        var sale = OrderSaleReader.StatesTheOrder(body) ? OrderSaleReader.Read(body, fields) : null;
        var paid = sale is null ? 0m : OrderSaleEvent.Paid(body, sale, fields, wholeByDefault: true).Amount;
        sale = sale is null ? null : OrderSaleEvent.WithGiftCards(body, sale, paid, fields);
        if (fields.Object(body, "refund", "refund", required: true) is not { } refund)
        {
            return null;
        }

        // Without a currency of its own or the order's, the sale's is meant.
        var (id, currency, amount, date) = fields.Movement(body, refund, "refund");
        var lines = Lines(refund, currency, fields);
        var shipping = fields.Amount(refund, "shipping", "refund.shipping", currency) ?? 0m;
        var shippingTax = fields.Amount(refund, "shippingTax", "refund.shippingTax", currency) ?? 0m;
        var statedTax = fields.Amount(refund, "tax", "refund.tax", currency);
        var toGiftCards = fields.Amount(refund, "toGiftCards", "refund.toGiftCards", currency) ?? 0m;
        var conversion = fields.Conversion(refund, "refund", currency);
        if (toGiftCards > amount)
        {
            fields.Problem("refund.toGiftCards", $"is {Money.Show(toGiftCards)}, more than the refund's amount: it is the part of it put back onto gift cards.");
        }

        if (id is null || amount is null || date is null)
        {
            return null;
        }

        return OrderEvents.Describe(type, EventMeaning.Refund, new SourceObject("refund", id)) with
        {
            Original = order,
            Sale = sale,
            Paid = paid,
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = id,
                    Amount = amount.Value,
                    Currency = currency ?? "",
                    Date = date.Value,
                    Lines = lines,
                    Shipping = shipping,
                    ShippingTax = shippingTax,
                    ShippingStatedAsTheSalesPrices = true,
                    ToGiftCards = toGiftCards,
                    Tax = statedTax ?? lines.Sum(line => line.Tax) + shippingTax,
                    // Told, even as zero: the tax is not shared out from the order's.
                    TaxStated = statedTax is not null || lines.Any(line => line.Tax != 0m) || shippingTax != 0m,
                    Reason = fields.Text(refund, "reason", "refund.reason", maxLength: 500),
                    ConvertedAt = conversion,
                },
            ],
        };
    }

    private static List<SaleLine> Lines(JsonElement refund, string? currency, OrderFields fields)
    {
        var lines = new List<SaleLine>();
        var items = fields.List(refund, "lines", "refund.lines");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"refund.lines[{i}]";
            var line = items[i];
            // The order's line it returns, by that line's id: its item, description and tax rate stand for what this one leaves out.
            var soldLine = fields.Text(line, "lineId", $"{path}.lineId", maxLength: 200);
            var (description, sku, quantity) = fields.Item(line, path, namedOtherwise: soldLine is not null);
            // A line naming the sold line may leave its amount to it: what was charged for the quantity returned.
            var stated = fields.Amount(line, "amount", $"{path}.amount", currency, required: soldLine is null);
            var amount = stated ?? 0m;
            lines.Add(new SaleLine
            {
                Description = description ?? sku ?? string.Empty,
                ItemKey = sku ?? description,
                SourceId = soldLine,
                Quantity = quantity,
                UnitPrice = Money.UnitPrice(amount, quantity),
                Amount = amount,
                Tax = fields.Amount(line, "tax", $"{path}.tax", currency) ?? 0m,
                TaxRate = fields.TaxPercent(line, path),
                WorthItsSoldLine = soldLine is not null && stated is null,
            });
        }

        return lines;
    }
}
