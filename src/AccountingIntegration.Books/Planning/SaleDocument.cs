using System.Globalization;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>
/// The body of a sales form (Invoice, SalesReceipt, CreditMemo, RefundReceipt) for a sale, shaped for the
/// company's tax regime so that QBO's own total comes to the vendor's total: the lines, the discount (a
/// discount line in the US, folded into the lines where QBO computes tax per line), the tax (the vendor's
/// total sent as an override where QBO honours one, tax codes elsewhere, a tax line where the company has
/// sales tax off), and a rounding line for a remaining difference of a few cents. A larger difference is
/// refused, never booked silently.
/// </summary>
internal static class SaleDocument
{
    public static SaleDocumentResult Build(Sale sale, CompanyRegime regime, BookingSettings settings)
    {
        var problems = new List<AdapterProblem>();
        var notes = sale.Notes.ToList();
        if (sale.SoldThroughMerchantOfRecord)
        {
            notes.Add("MERCHANT_OF_RECORD: sold through a merchant of record, which collects and remits its taxes and duties: they are "
                + "booked on the merchant of record's clearing item, not as the company's tax, and its lines out of scope of the tax return.");
        }

        sale = MerchantOfRecordSale.Of(sale);
        var body = new JsonObject { ["CustomerRef"] = new JsonObject { ["value"] = Placeholders.Customer } };
        if (!sale.Currency.Equals(regime.HomeCurrency, StringComparison.OrdinalIgnoreCase))
        {
            if (!regime.MultiCurrency)
            {
                return SaleDocumentResult.Refused("Currency",
                    $"The sale is in {sale.Currency} but the company keeps its books in {regime.HomeCurrency} and does not take foreign currency (multicurrency is off).");
            }

            body["CurrencyRef"] = new JsonObject { ["value"] = sale.Currency.ToUpperInvariant() };
            if (sale.ConvertedAt is { } conversion && conversion.ToCurrency.Equals(regime.HomeCurrency, StringComparison.OrdinalIgnoreCase))
            {
                // Home units per foreign unit, as QBO's ExchangeRate is; without it QBO takes its own rate of the day.
                body["ExchangeRate"] = conversion.Rate;
            }
        }

        var mode = TaxModes.For(regime);
        var lines = SaleLines.Compose(sale, settings);
        var discounts = SaleLines.Discounts(sale);
        var pricesIncludeTax = sale.PricesIncludeTax;
        if (pricesIncludeTax && mode != TaxMode.PerLine)
        {
            // Only QBO outside the US takes tax-inclusive amounts: take the tax out of the lines here.
            lines = NetOfTax(lines, discounts, sale.TaxTotal, sale.Currency);
            pricesIncludeTax = false;
        }

        var chooser = new TaxCodeChooser(regime, settings, sale.PlaceOfSupply);
        var shaped = mode == TaxMode.PerLine
            ? PerLine(lines, discounts, sale, pricesIncludeTax, chooser, settings, problems)
            : UsStyle(lines, discounts, sale, mode, chooser, settings, body, problems);
        if (problems.Count > 0)
        {
            return new SaleDocumentResult(body, 0m, notes, problems);
        }

        var difference = sale.Total - shaped.Total;
        if (difference != 0)
        {
            var tolerance = settings.RoundingToleranceIn(sale.Currency);
            if (Math.Abs(difference) > tolerance)
            {
                return SaleDocumentResult.Refused("Total",
                    $"The document would come to {Money.Show(shaped.Total)} but the sale's total is {Money.Show(sale.Total)} ({Money.Show(difference)} apart, more than the " +
                    $"{Money.Show(tolerance)} a rounding line may absorb).");
            }

            shaped.Lines.Add(RoundingLine(difference, sale.Currency, mode, chooser, settings, problems));
            notes.Add($"A rounding line of {Money.Show(difference)} brings the document to the sale's total {Money.Show(sale.Total)} (QBO computed {Money.Show(shaped.Total)}).");
        }

        if (chooser.AssumedRegion is { } assumed)
        {
            notes.Add($"PLACE_OF_SUPPLY_ASSUMED: the sale names no region (no ship-to or bill-to province), so its tax codes are those of "
                + $"the company's own, {assumed}, where a counter sale is supplied; if it was supplied elsewhere, correct the codes in QBO.");
        }

        if (sale.TaxNotStated && mode != TaxMode.AsLine)
        {
            notes.Add($"TAX_NOT_STATED: the vendor states no tax on it, so its {Money.Show(sale.Total)} is booked untaxed and out of scope of the tax return; "
                + "any sales tax or VAT inside it is not in the tax accounts: book it from the vendor's sales report.");
        }

        body["Line"] = shaped.Lines;
        if (mode == TaxMode.PerLine)
        {
            body["GlobalTaxCalculation"] = pricesIncludeTax ? "TaxInclusive" : "TaxExcluded";
        }

        Header(sale, body);
        // Where QBO carries the tax in TxnTaxDetail it can be compared with the vendor's once created; as a line, it is the vendor's.
        return new SaleDocumentResult(body, sale.Total, notes, problems) { Tax = mode == TaxMode.AsLine ? null : sale.TaxTotal };
    }

    /// <summary>
    /// What QBO computes for <paramref name="sale"/>, its prices before tax, in a company that taxes line by line (CA, UK, AU),
    /// before any rounding line: the document's total and its tax.
    /// </summary>
    public static (decimal Total, decimal Tax) PerLineTotals(Sale sale, CompanyRegime regime, BookingSettings settings)
    {
        sale = MerchantOfRecordSale.Of(sale);
        var shaped = PerLine(SaleLines.Compose(sale, settings), SaleLines.Discounts(sale), sale, pricesIncludeTax: false,
            new TaxCodeChooser(regime, settings, sale.PlaceOfSupply), settings, []);
        return (shaped.Total, shaped.Total - shaped.Lines.Sum(line => (decimal)line!["Amount"]!));
    }

    /// <summary>US and sales-tax-off companies: gross lines, one discount line, tax as an override, a code or a line.</summary>
    private static Shaped UsStyle(List<DocLine> lines, List<decimal> discounts, Sale sale, TaxMode mode, TaxCodeChooser chooser,
        BookingSettings settings, JsonObject body, List<AdapterProblem> problems)
    {
        if (mode == TaxMode.UsCode && !DiscountsInProportion(lines, discounts, sale.Currency))
        {
            // QBO spreads a discount line over the taxed and untaxed lines by their amounts, so it would tax another amount
            // than the vendor did (a discount on an untaxed line alone): each line carries its own discount instead.
            lines = [.. lines.Select((line, i) => line with { Amount = line.Amount - discounts[i] })];
            discounts = [.. discounts.Select(_ => 0m)];
        }

        var json = new JsonArray();
        foreach (var line in lines)
        {
            json.Add(ItemLine(line, line.Amount, sale.Currency, mode is TaxMode.UsOverride or TaxMode.UsCode ? (line.Taxable ? "TAX" : "NON") : null));
        }

        var subtotal = lines.Sum(l => l.Amount);
        var discount = discounts.Sum() + sale.OrderDiscount;
        if (discount != 0)
        {
            json.Add(new JsonObject
            {
                ["Amount"] = discount,
                ["DetailType"] = "DiscountLineDetail",
                ["DiscountLineDetail"] = new JsonObject { ["PercentBased"] = false },
            });
        }

        var tax = 0m;
        switch (mode)
        {
            case TaxMode.UsOverride:
                body["ApplyTaxAfterDiscount"] = true;
                body["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = sale.TaxTotal };
                tax = sale.TaxTotal;
                break;
            case TaxMode.UsCode:
                body["ApplyTaxAfterDiscount"] = true;
                tax = UsCodeTax(lines, subtotal, discount, sale, chooser, body, problems);
                break;
            default:
                if (sale.TaxTotal != 0)
                {
                    json.Add(ItemLine(new DocLine(settings.SalesTaxItem, "Sales tax", null, null, sale.TaxTotal, null), sale.TaxTotal, sale.Currency, null));
                    tax = sale.TaxTotal;
                }

                break;
        }

        return new Shaped(json, subtotal - discount + tax);
    }

    /// <summary>
    /// Whether the lines' own discounts fall on the taxed lines in the share QBO gives them when it spreads one discount line
    /// over the lines by their amounts (to the cent), so that it taxes what the vendor taxed.
    /// </summary>
    private static bool DiscountsInProportion(List<DocLine> lines, List<decimal> discounts, string currency)
    {
        var subtotal = lines.Sum(l => l.Amount);
        var discount = discounts.Sum();
        if (discount == 0m || subtotal == 0m)
        {
            return true;
        }

        var taxed = lines.Where(l => l.Taxable).Sum(l => l.Amount);
        var onTaxed = lines.Select((line, i) => line.Taxable ? discounts[i] : 0m).Sum();
        return Money.Round(discount * taxed / subtotal, currency) == onTaxed;
    }

    /// <summary>US manual sales tax: the code of the sale's rate taxes the TAX lines, once per rate, after the discount.</summary>
    private static decimal UsCodeTax(List<DocLine> lines, decimal subtotal, decimal discount, Sale sale, TaxCodeChooser chooser,
        JsonObject body, List<AdapterProblem> problems)
    {
        var taxed = lines.Where(l => l.Taxable).ToList();
        if (taxed.Count == 0)
        {
            return 0m;
        }

        var code = chooser.Choose(taxed[0].RatePercent!.Value, out var problem, taxed[0].RateTolerance);
        if (code is null)
        {
            problems.Add(new AdapterProblem("TxnTaxDetail.TxnTaxCodeRef", problem!));
            return 0m;
        }

        body["TxnTaxDetail"] = new JsonObject { ["TxnTaxCodeRef"] = new JsonObject { ["value"] = code.Id } };
        var taxable = taxed.Sum(l => l.Amount);
        if (subtotal != 0)
        {
            taxable -= Money.Round(discount * taxable / subtotal, sale.Currency);
        }

        return code.TaxOn(taxable, sale.Currency);
    }

    /// <summary>
    /// CA, UK, AU: discounts folded into the lines (QBO taxes each line), and a tax code on every line. Amounts and tax are
    /// rounded to the sale currency's minor unit, as QBO rounds them (whole yen, not cents).
    /// </summary>
    private static Shaped PerLine(List<DocLine> lines, List<decimal> discounts, Sale sale, bool pricesIncludeTax, TaxCodeChooser chooser,
        BookingSettings settings, List<AdapterProblem> problems)
    {
        var afterLineDiscounts = lines.Select((l, i) => l.Amount - discounts[i]).ToList();
        var orderShares = OrderDiscountShares(lines, afterLineDiscounts, sale);
        var json = new JsonArray();
        var total = 0m;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var amount = afterLineDiscounts[i] - orderShares[i];
            var code = line.Taxable ? chooser.Choose(line.RatePercent!.Value, out var problem, line.RateTolerance)
                : line.IsZeroRated ? chooser.ZeroRated(out problem) ?? (problem is null ? Untaxed(chooser, settings, line.OutOfScope, out problem) : null)
                : Untaxed(chooser, settings, line.OutOfScope, out problem);
            if (code is null)
            {
                problems.Add(new AdapterProblem($"Line[{i}].SalesItemLineDetail.TaxCodeRef", $"{line.Description}: {problem}"));
                continue;
            }

            json.Add(ItemLine(line, amount, sale.Currency, code.Id));
            // QBO rounds each of the code's rates on each line (GST and PST apart), so the prediction does too.
            total += pricesIncludeTax ? amount : amount + code.TaxOn(amount, sale.Currency);
        }

        return new Shaped(json, total);
    }

    /// <summary>
    /// Each line's share of the order discount. Where the vendor states the tax the discount took off and its rate (a
    /// WooCommerce negative fee's taxes), the part that tax is on goes on the goods taxed at that rate and the rest on the
    /// untaxed goods, so QBO takes off the tax the vendor did. Else it goes on the goods alone, never on shipping or fees;
    /// on every line only when there are no goods to take it.
    /// </summary>
    private static decimal[] OrderDiscountShares(List<DocLine> lines, List<decimal> amounts, Sale sale)
    {
        // Goods sold through a merchant of record are out of scope of the tax return, and goods all the same.
        bool IsGoods(int i) => i < sale.Lines.Count && (!lines[i].OutOfScope || sale.Lines[i].OutOfScope);
        List<decimal> Weights(Func<int, bool> takes) => [.. amounts.Select((amount, i) => takes(i) ? amount : 0m)];

        if (sale.OrderDiscountTax is { Rate: > 0m } stated)
        {
            var onTaxed = Math.Min(sale.OrderDiscount, Money.Round(stated.Tax / stated.Rate * (sale.PricesIncludeTax ? 1m + stated.Rate : 1m), sale.Currency));
            var taxed = Weights(i => IsGoods(i) && lines[i].Taxable && lines[i].RatePercent is { } rate && Math.Abs(rate - stated.Rate * 100m) <= lines[i].RateTolerance + 0.05m);
            var untaxed = Weights(i => IsGoods(i) && !lines[i].Taxable);
            if (taxed.Sum() >= onTaxed && untaxed.Sum() >= sale.OrderDiscount - onTaxed && taxed.Sum() > 0)
            {
                var onTaxedShares = Allocation.Split(onTaxed, taxed, sale.Currency);
                var onUntaxedShares = Allocation.Split(sale.OrderDiscount - onTaxed, untaxed, sale.Currency);
                return [.. onTaxedShares.Zip(onUntaxedShares, (a, b) => a + b)];
            }
        }

        var goods = Weights(IsGoods);
        return Allocation.Split(sale.OrderDiscount, goods.Sum() >= sale.OrderDiscount && goods.Sum() > 0 ? goods : amounts, sale.Currency);
    }

    private static JsonObject RoundingLine(decimal difference, string currency, TaxMode mode, TaxCodeChooser chooser, BookingSettings settings, List<AdapterProblem> problems)
    {
        string? code = mode switch
        {
            TaxMode.UsOverride or TaxMode.UsCode => "NON",
            TaxMode.PerLine => Untaxed(chooser, settings, outOfScope: true, out var problem)?.Id ?? Report(problems, "Line.TaxCodeRef", problem),
            _ => null,
        };
        return ItemLine(new DocLine(settings.RoundingItem, "Rounding", 1m, difference, difference, null), difference, currency, code);
    }

    private static string? Report(List<AdapterProblem> problems, string field, string? problem)
    {
        problems.Add(new AdapterProblem(field, problem ?? "No tax code for untaxed lines."));
        return null;
    }

    /// <summary>
    /// The code for an untaxed line: the organization's choice, else for goods, shipping or fees the company's zero-rated or
    /// exempt code (a supply the return counts), and for a tip, a gift card or a rounding line its out-of-scope code.
    /// </summary>
    private static TaxCodeInfo? Untaxed(TaxCodeChooser chooser, BookingSettings settings, bool outOfScope, out string? problem)
    {
        if (settings.ExemptTaxCode is { } configured)
        {
            return chooser.ByIdOrName(configured, out problem);
        }

        return outOfScope ? chooser.OutOfScope(out problem) : chooser.Untaxed(out problem);
    }

    private static JsonObject ItemLine(DocLine line, decimal amount, string currency, string? taxCode)
    {
        var detail = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = Placeholders.Item(line.ItemKey) } };
        if (line.Quantity is { } quantity && quantity != 0)
        {
            detail["Qty"] = quantity;
            detail["UnitPrice"] = UnitPrice(amount, quantity, line.UnitPrice, currency);
        }

        if (taxCode is not null)
        {
            detail["TaxCodeRef"] = new JsonObject { ["value"] = taxCode };
        }

        return new JsonObject
        {
            ["Description"] = line.Description,
            ["Amount"] = amount,
            ["DetailType"] = "SalesItemLineDetail",
            ["SalesItemLineDetail"] = detail,
        };
    }

    /// <summary>The vendor's unit price when quantity × price gives the amount; else the amount over the quantity, to 7 places (QBO's precision).</summary>
    private static decimal UnitPrice(decimal amount, decimal quantity, decimal? vendorPrice, string currency) =>
        vendorPrice is { } price && Money.Round(price * quantity, currency) == amount
            ? price
            : Math.Round(amount / quantity, 7, MidpointRounding.AwayFromZero);

    /// <summary>Tax-inclusive lines made net: the sale's tax is taken out of the taxed lines in proportion, to the currency's minor unit.</summary>
    private static List<DocLine> NetOfTax(List<DocLine> lines, List<decimal> discounts, decimal tax, string currency)
    {
        var weights = lines.Select((l, i) => l.Taxable ? l.Amount - discounts[i] : 0m).ToList();
        var shares = Allocation.Split(tax, weights, currency);
        return [.. lines.Select((l, i) => l with { Amount = l.Amount - shares[i], UnitPrice = null })];
    }

    private static void Header(Sale sale, JsonObject body)
    {
        body["TxnDate"] = sale.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (sale.Number is { Length: > 0 and <= 21 } number)
        {
            body["DocNumber"] = number;
        }

        if (sale.Customer.Email is { } email)
        {
            body["BillEmail"] = new JsonObject { ["Address"] = email };
        }

        if (sale.Customer.BillingAddress is { } billing)
        {
            body["BillAddr"] = Address(billing);
        }

        if (sale.Customer.ShippingAddress is { } shipping)
        {
            body["ShipAddr"] = Address(shipping);
        }

        if (sale.Memo is { Length: > 0 } memo)
        {
            body["CustomerMemo"] = new JsonObject { ["value"] = memo.Length > 1000 ? memo[..1000] : memo };
        }
    }

    private static JsonObject Address(Address address)
    {
        var json = new JsonObject();
        Put(json, "Line1", address.Line1);
        Put(json, "Line2", address.Line2);
        Put(json, "City", address.City);
        Put(json, "CountrySubDivisionCode", address.Region);
        Put(json, "PostalCode", address.PostalCode);
        Put(json, "Country", address.Country);
        return json;
    }

    private static void Put(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json[name] = value;
        }
    }

    private sealed record Shaped(JsonArray Lines, decimal Total);
}

/// <summary>The body, the total QBO must come to, notes (a rounding line) and why it cannot be booked.</summary>
internal sealed record SaleDocumentResult(JsonObject Body, decimal Total, IReadOnlyList<string> Notes, IReadOnlyList<AdapterProblem> Problems)
{
    /// <summary>The vendor's tax, where QBO will carry the document's tax in <c>TxnTaxDetail.TotalTax</c>; null where it is a line.</summary>
    public decimal? Tax { get; init; }

    public static SaleDocumentResult Refused(string field, string message) => new([], 0m, [], [new AdapterProblem(field, message)]);
}
