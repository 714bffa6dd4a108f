using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Sales tax as QBO computes it, per company (Intuit, "Manage sales tax for US locales" and "… for
/// non-US locales"):
/// - US: lines are TAX or NON (default NON); one transaction code (TxnTaxDetail.TxnTaxCodeRef, else
///   Preferences.TaxPrefs.TaxGroupCodeRef) taxes the sum of the TAX lines, rounded once per rate
///   (Intuit's Invoice sample: 335.25 at 8 % → 26.82). With automated sales tax the engine picks the code
///   from the ship-to state and a sent TxnTaxDetail.TotalTax is honoured and prorated across the code's
///   rates (Intuit blog, 2017-12-11).
/// - CA, UK, AU: every item line needs a tax code (else 6000 "Make sure all your transactions have a
///   GST/HST rate before you save", activepieces#8539), taxed line by line and rounded per line;
///   GlobalTaxCalculation TaxExcluded (default), TaxInclusive (the sent amount includes tax: the stored
///   Amount is the net, TaxInclusiveAmt the gross, as in a real AU invoice: 305.46 at 10 % → 277.69) or
///   NotApplicable (no tax). A sent TotalTax is not honoured there.
/// Rounding is half away from zero, to the document currency's minor unit (whole yen). Sales tax off → TotalTax 0.
/// </summary>
internal static class TaxCalculator
{
    public static TaxOutcome Apply(Company company, LineSet lines, JsonObject body, JsonObject request, CreateContext context, string currency)
    {
        return company.Region.IsUs
            ? UnitedStates(company, lines, body, request, context, currency)
            : Global(company, lines, body, currency);
    }

    private static TaxOutcome UnitedStates(Company company, LineSet lines, JsonObject body, JsonObject request, CreateContext context, string currency)
    {
        foreach (var line in lines.Sales)
        {
            var code = line.TaxCode ?? TaxEntities.NonTaxable;
            if (code is not (TaxEntities.Taxable or TaxEntities.NonTaxable))
            {
                throw References.InvalidReference("Line.SalesItemLineDetail.TaxCodeRef");
            }

            line.Detail["TaxCodeRef"] = JsonRead.Ref(code);
        }

        var discount = SalesTotals.Discount(lines);
        var settings = company.Settings;
        if (settings.SalesTaxEnabled != true)
        {
            return new TaxOutcome(discount, 0m, new JsonObject { ["TotalTax"] = 0m }, null);
        }

        var sentDetail = JsonRead.Obj(body, "TxnTaxDetail");
        var codeId = settings.AutomatedSalesTax == true
            ? AutomatedSalesTax.CodeFor(company, JsonRead.Obj(body, "ShipAddr"), context.Options, context.Now)
            : (sentDetail is null ? null : JsonRead.RefValue(sentDetail, "TxnTaxCodeRef")) ?? TaxEntities.CodeId(company, "California");
        if (codeId is null)
        {
            return new TaxOutcome(discount, 0m, new JsonObject { ["TotalTax"] = 0m }, null);
        }

        var rates = CodeRates.Load(company, codeId, "TxnTaxDetail.TxnTaxCodeRef");
        var subtotal = lines.Sales.Sum(l => l.Amount);
        var taxable = lines.Sales.Where(l => l.Detail["TaxCodeRef"]!["value"]!.GetValue<string>() == TaxEntities.Taxable).Sum(l => l.Amount);
        if (JsonRead.Bool(body, "ApplyTaxAfterDiscount") == true && subtotal != 0)
        {
            taxable -= Money.Round(discount * taxable / subtotal, currency);
        }

        var taxLines = new TaxLines();
        foreach (var rate in rates.Rates)
        {
            taxLines.Add(rate, taxable, Money.Round(taxable * rate.Percent / 100m, currency));
        }

        // AST honours an explicit tax amount sent with the request (not the one a sparse update carries over).
        if (settings.AutomatedSalesTax == true && JsonRead.Obj(request, "TxnTaxDetail") is { } sent && JsonRead.Dec(sent, "TotalTax") is { } total)
        {
            taxLines.Override(Money.Round(total, currency));
        }

        return new TaxOutcome(discount, taxLines.Total, new JsonObject
        {
            ["TxnTaxCodeRef"] = JsonRead.Ref(codeId),
            ["TotalTax"] = taxLines.Total,
            ["TaxLine"] = taxLines.ToJson(),
        }, null);
    }

    private static TaxOutcome Global(Company company, LineSet lines, JsonObject body, string currency)
    {
        var mode = JsonRead.Str(body, "GlobalTaxCalculation") ?? "TaxExcluded";
        if (mode is not ("TaxExcluded" or "TaxInclusive" or "NotApplicable"))
        {
            throw QboException.InvalidProperty($"Property Name:GlobalTaxCalculation specified is unsupported or invalid: {mode}");
        }

        var taxOn = company.Settings.SalesTaxEnabled == true && mode != "NotApplicable";
        var taxLines = new TaxLines();
        foreach (var line in lines.Sales)
        {
            if (line.TaxCode is null)
            {
                if (taxOn && line.Item is not null)
                {
                    throw QboException.BusinessValidation(
                        $"Business Validation Error: Make sure all your transactions have a {company.Region.TaxLabel} rate before you save.",
                        "Line.SalesItemLineDetail.TaxCodeRef");
                }

                continue;
            }

            var rates = CodeRates.Load(company, line.TaxCode, "Line.SalesItemLineDetail.TaxCodeRef");
            line.Detail["TaxCodeRef"] = JsonRead.Ref(rates.CodeId);
            if (taxOn)
            {
                Charge(line, rates, mode == "TaxInclusive", taxLines, currency);
            }
        }

        var discount = SalesTotals.Discount(lines);
        return new TaxOutcome(discount, taxLines.Total, new JsonObject
        {
            ["TotalTax"] = taxLines.Total,
            ["TaxLine"] = taxLines.ToJson(),
        }, mode);
    }

    /// <summary>Tax on one line, rounded per line and rate; inclusive amounts are split into net and tax first.</summary>
    private static void Charge(SalesLine line, CodeRates rates, bool inclusive, TaxLines taxLines, string currency)
    {
        if (!inclusive)
        {
            foreach (var rate in rates.Rates)
            {
                taxLines.Add(rate, line.Amount, Money.Round(line.Amount * rate.Percent / 100m, currency));
            }

            return;
        }

        var gross = JsonRead.Dec(line.Detail, "TaxInclusiveAmt") ?? line.Amount;
        var net = Money.Round(gross * 100m / (100m + rates.TotalPercent), currency);
        var left = gross - net;
        for (var i = 0; i < rates.Rates.Count; i++)
        {
            var rate = rates.Rates[i];
            var tax = i == rates.Rates.Count - 1 ? left : Money.Round(net * rate.Percent / 100m, currency);
            taxLines.Add(rate, net, tax);
            left -= tax;
        }

        line.Amount = net;
        line.Stored["Amount"] = net;
        line.Detail["TaxInclusiveAmt"] = gross;
        if (JsonRead.Dec(line.Detail, "Qty") is { } qty && qty != 0)
        {
            line.Detail["UnitPrice"] = Math.Round(net / qty, 7, MidpointRounding.AwayFromZero);
        }
    }
}

/// <summary>The discount total, the tax total, the stored TxnTaxDetail and the GlobalTaxCalculation kept (non-US).</summary>
internal sealed record TaxOutcome(decimal Discount, decimal TotalTax, JsonObject TxnTaxDetail, string? GlobalTaxCalculation);
