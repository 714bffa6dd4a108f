using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// An invoice's tax, by rate, and whether its prices include it. Versions from 2025-03-31 report
/// <c>total_taxes[]</c> ({amount, tax_behavior, tax_rate_details.tax_rate}); older ones
/// <c>total_tax_amounts[]</c> ({amount, inclusive, tax_rate}) and the sum in <c>tax</c>
/// (https://docs.stripe.com/api/invoices/object#invoice_object-total_taxes,
/// https://docs.stripe.com/changelog/basil/2025-03-31/invoice-tax-configurations). A credit note reports the same
/// <c>total_taxes[]</c> from 2025-03-31 and, before, <c>tax_amounts[]</c> of the same shape as an invoice's
/// <c>total_tax_amounts[]</c> (https://docs.stripe.com/api/credit_notes/object).
/// </summary>
internal sealed record StripeInvoiceTaxes(IReadOnlyList<TaxLine> Lines, bool AllInclusive, bool AnyInclusive)
{
    public static StripeInvoiceTaxes Read(JsonElement invoice, string currency)
    {
        var entries = invoice.Array("total_taxes").Select(tax => new Entry(
                RateName(tax, "tax_rate_details.tax_rate"),
                RatePercent(tax, "tax_rate_details.tax_rate"),
                tax.Long("amount") ?? 0,
                tax.Text("tax_behavior") == "inclusive"))
            .Concat(invoice.Array("total_tax_amounts").Concat(invoice.Array("tax_amounts")).Select(tax => new Entry(
                RateName(tax, "tax_rate"),
                RatePercent(tax, "tax_rate"),
                tax.Long("amount") ?? 0,
                tax.Bool("inclusive") == true)))
            .Where(entry => entry.MinorUnits != 0)
            .ToList();

        // Only the sum survives when an old invoice lists no amounts by rate.
        if (entries.Count == 0 && invoice.Long("tax") is > 0 and var sum)
        {
            entries.Add(new Entry("Tax", null, sum, Inclusive: false));
        }

        var lines = entries
            .GroupBy(entry => (entry.Name, entry.Rate))
            .Select(group => new TaxLine(group.Key.Name, group.Key.Rate, StripeMoney.FromMinorUnits(group.Sum(entry => entry.MinorUnits), currency)))
            .ToList();
        return new StripeInvoiceTaxes(lines, entries.Count > 0 && entries.All(entry => entry.Inclusive), entries.Any(entry => entry.Inclusive));
    }

    /// <summary>An expanded tax rate names itself ("Sales Tax CA"); otherwise its id (txr_…) is all there is.</summary>
    private static string RateName(JsonElement tax, string path)
    {
        if (tax.At(path) is { ValueKind: JsonValueKind.Object } rate)
        {
            var name = string.Join(' ', new[] { rate.Text("display_name"), rate.Text("jurisdiction") }.OfType<string>());
            return name.Length > 0 ? name : rate.Text("id") ?? "Tax";
        }

        return tax.Text(path) ?? "Tax";
    }

    /// <summary>An expanded tax rate's percentage (8.25) as a rate (0.0825).</summary>
    private static decimal? RatePercent(JsonElement tax, string path) =>
        tax.At(path) is { ValueKind: JsonValueKind.Object } rate && rate.Decimal("percentage") is { } percentage ? percentage / 100m : null;

    private sealed record Entry(string Name, decimal? Rate, long MinorUnits, bool Inclusive);
}
