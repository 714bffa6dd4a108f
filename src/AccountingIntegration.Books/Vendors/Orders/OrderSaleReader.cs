using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// An event's <c>order</c> as a sale: its lines, shipping, fees, discount and tax as the sender states them, and its
/// <c>total</c>, which the parts must come to. Unlike a vendor's order, whose totals we balance with an adjustment
/// when its parts fall short, this is our own format: parts that do not add up are the sender's mistake, refused with
/// both figures rather than booked with a line nobody sent.
/// </summary>
internal static class OrderSaleReader
{
    /// <summary>The order's id, the sale every event of the order names; a problem when it has none.</summary>
    public static SourceObject? Subject(JsonElement body, OrderFields fields)
    {
        if (fields.Object(body, "order", "order", required: true) is not { } order)
        {
            return null;
        }

        return fields.Text(order, "id", "order.id", required: true, maxLength: 200) is { } id ? OrderEvents.Order(id) : null;
    }

    /// <summary>Whether the event states the whole order (its lines), not only names it.</summary>
    public static bool StatesTheOrder(JsonElement body) => body.At("order.lines") is not null || body.At("order.total") is not null;

    public static Sale? Read(JsonElement body, OrderFields fields)
    {
        var order = body.At("order")!.Value;
        var currency = fields.Currency(order, "currency", "order.currency", required: true);
        var date = fields.Date(order, "date", "order.date", required: true);
        var includesTax = fields.Flag(order, "pricesIncludeTax", "order.pricesIncludeTax") ?? false;
        var lines = Lines(order, currency, fields);
        var shipping = Charges(order, "shipping", "Shipping", currency, fields);
        var fees = Charges(order, "fees", "Fee", currency, fields);
        var tips = Tips(order, currency, fields);
        var discount = fields.Amount(order, "discount", "order.discount", currency) ?? 0m;
        var taxes = Taxes(order, currency, lines, shipping, fees, fields);
        var total = fields.Amount(order, "total", "order.total", currency, required: true);
        var customer = OrderParty.Read(order, fields);
        var conversion = fields.Conversion(order, "order", currency);
        if (fields.Failed || currency is null || date is null || total is null)
        {
            return null;
        }

        var sale = new Sale
        {
            Currency = currency,
            Date = date.Value,
            Number = fields.Text(order, "number", "order.number", maxLength: 21) ?? order.Text("id"),
            Customer = customer,
            Lines = lines,
            Shipping = shipping,
            Fees = fees,
            Tips = tips,
            OrderDiscount = discount,
            Taxes = taxes,
            PricesIncludeTax = includesTax,
            Total = total.Value,
            Memo = fields.Text(order, "memo", "order.memo", maxLength: 1000),
            Reference = fields.Text(order, "reference", "order.reference", maxLength: 200),
            ConvertedAt = conversion,
        };
        if (sale.ComputedTotal != sale.Total)
        {
            fields.Problem("order.total", $"is {Show(sale.Total)}, but the order's parts come to {Show(sale.ComputedTotal)}: the lines less their "
                + "discounts, less the order's discount, plus shipping, fees and tips, plus tax" + (includesTax ? " (already inside the prices, as pricesIncludeTax says)." : "."));
            return null;
        }

        return fields.Failed ? null : sale;
    }

    private static List<SaleLine> Lines(JsonElement order, string? currency, OrderFields fields)
    {
        if (order.At("lines") is null)
        {
            fields.Problem("order.lines", "is required: at least one line.");
            return [];
        }

        var lines = new List<SaleLine>();
        var items = fields.List(order, "lines", "order.lines");
        if (items.Count == 0 && !fields.Failed)
        {
            fields.Problem("order.lines", "must hold at least one line.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"order.lines[{i}]";
            var line = items[i];
            var (description, sku, quantity) = fields.Item(line, path);
            var unitPrice = fields.Number(line, "unitPrice", $"{path}.unitPrice");
            var amount = fields.Amount(line, "amount", $"{path}.amount", currency);
            if (unitPrice is null && amount is null && line.At("unitPrice") is null && line.At("amount") is null)
            {
                fields.Problem($"{path}.unitPrice", "is required when the line has no amount.");
            }

            if (unitPrice is { } stated && amount is { } given && currency is not null && Money.Round(quantity * stated, currency) != given)
            {
                fields.Problem($"{path}.amount", $"is {Show(given)}, but quantity × unitPrice is {Show(Money.Round(quantity * stated, currency))}; send the one or make them agree.");
            }

            var rate = fields.TaxPercent(line, path);
            var tax = fields.Amount(line, "tax", $"{path}.tax", currency) ?? 0m;
            var lineAmount = amount ?? (unitPrice is { } price && currency is not null ? Money.Round(quantity * price, currency) : 0m);
            var discount = fields.Amount(line, "discount", $"{path}.discount", currency) ?? 0m;
            if (discount > lineAmount)
            {
                fields.Problem($"{path}.discount", $"is more than the line's amount ({Show(lineAmount)}).");
            }

            var giftCard = fields.Flag(line, "giftCard", $"{path}.giftCard") ?? false;
            lines.Add(new SaleLine
            {
                Description = description ?? sku ?? "Item",
                ItemKey = sku ?? description,
                Quantity = quantity,
                UnitPrice = unitPrice ?? Money.UnitPrice(lineAmount, quantity),
                Amount = lineAmount,
                Discount = discount,
                Tax = tax,
                TaxRate = rate,
                Taxable = !giftCard && (fields.Flag(line, "taxable", $"{path}.taxable") ?? true),
                IsGiftCard = giftCard,
                SourceId = fields.Text(line, "id", $"{path}.id", maxLength: 200),
            });
            // A refund names the line it returns by this id, so one id names one line.
            if (lines[^1].SourceId is { } lineId && lines.FindIndex(sold => sold.SourceId == lineId) is var first && first < lines.Count - 1)
            {
                fields.Problem($"{path}.id", $"is \"{lineId}\", the id of order.lines[{first}] too: each line's id names it alone.");
            }

            if (lines[^1] is { Taxable: false } untaxed && (untaxed.Tax != 0m || untaxed.TaxRate is > 0m))
            {
                fields.Problem(giftCard ? $"{path}.giftCard" : $"{path}.taxable",
                    giftCard ? "is true, but the line states tax: a gift card sold is money held for the buyer, outside the tax." : "is false, but the line states tax.");
            }
        }

        return lines;
    }

    /// <summary>Shipping or fees: each an amount, with its tax and discount.</summary>
    private static List<Charge> Charges(JsonElement order, string name, string fallback, string? currency, OrderFields fields)
    {
        var charges = new List<Charge>();
        var items = fields.List(order, name, $"order.{name}");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"order.{name}[{i}]";
            var item = items[i];
            var amount = fields.Amount(item, "amount", $"{path}.amount", currency, required: true) ?? 0m;
            var discount = fields.Amount(item, "discount", $"{path}.discount", currency) ?? 0m;
            if (discount > amount)
            {
                fields.Problem($"{path}.discount", $"is more than the amount ({Show(amount)}).");
            }

            charges.Add(new Charge(fields.Text(item, "description", $"{path}.description", maxLength: 4000) ?? fallback, amount)
            {
                Tax = fields.Amount(item, "tax", $"{path}.tax", currency) ?? 0m,
                TaxRate = fields.TaxPercent(item, path),
                Discount = discount,
            });
        }

        return charges;
    }

    /// <summary>Tips the customer gave: the staff's, never taxed, so only an amount and a description.</summary>
    private static List<Charge> Tips(JsonElement order, string? currency, OrderFields fields) =>
        fields.List(order, "tips", "order.tips")
            .Select((tip, i) => new Charge(
                fields.Text(tip, "description", $"order.tips[{i}].description", maxLength: 4000) ?? "Tip",
                fields.Amount(tip, "amount", $"order.tips[{i}].amount", currency, required: true) ?? 0m))
            .ToList();

    /// <summary>
    /// The order's <c>taxes</c> (each a name, percent and amount); absent, the tax its parts state, one line per percent.
    /// Stated, they are the order's tax whatever its parts say: a US order may state its tax per jurisdiction only.
    /// </summary>
    private static List<TaxLine> Taxes(JsonElement order, string? currency, List<SaleLine> lines, List<Charge> shipping, List<Charge> fees, OrderFields fields)
    {
        if (order.At("taxes") is not null)
        {
            var taxes = new List<TaxLine>();
            var items = fields.List(order, "taxes", "order.taxes");
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"order.taxes[{i}]";
                var amount = fields.Amount(items[i], "amount", $"{path}.amount", currency, required: true) ?? 0m;
                var rate = fields.TaxPercent(items[i], path, "percent");
                taxes.Add(new TaxLine(fields.Text(items[i], "name", $"{path}.name", maxLength: 100) ?? TaxName(rate), rate, amount));
            }

            return taxes.Where(tax => tax.Amount != 0m).ToList();
        }

        var parts = lines.Select(line => (line.Tax, line.TaxRate))
            .Concat(shipping.Concat(fees).Select(charge => (charge.Tax, charge.TaxRate)))
            .Where(part => part.Tax != 0m);
        return parts.GroupBy(part => part.TaxRate)
            .Select(group => new TaxLine(TaxName(group.Key), group.Key, group.Sum(part => part.Tax)))
            .ToList();
    }

    private static string TaxName(decimal? rate) =>
        rate is { } r ? $"Tax {(r * 100m).ToString("0.###", CultureInfo.InvariantCulture)} %" : "Tax";

    private static string Show(decimal amount) => Money.Show(amount);
}
