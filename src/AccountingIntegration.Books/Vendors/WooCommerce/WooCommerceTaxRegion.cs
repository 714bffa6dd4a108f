using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// The province an order's tax was charged for, as its tax lines' rate codes name it. WooCommerce makes a rate's code of
/// its country, state, name and priority, in capitals, leaving out the empty parts ("CA-NB-HST-1", "CA-GST-1",
/// "GB-VAT-1": <c>WC_Tax::get_rate_code</c>, woocommerce/includes/class-wc-tax.php). A shop taxes by the customer's
/// shipping or billing address or by its own ("Calculate tax based on", WooCommerce's tax settings), so the province of
/// the rate charged is where the tax was for, which the customer's addresses may not say.
/// </summary>
internal static class WooCommerceTaxRegion
{
    /// <summary>
    /// The one province the order's tax lines name in <paramref name="codeField"/> (<c>rate_code</c>, the legacy API's
    /// <c>code</c>); null when none names one (a federal "CA-GST-1", a rate for the whole country) or they name several.
    /// </summary>
    public static string? Of(JsonElement order, string codeField)
    {
        var regions = order.Array("tax_lines")
            .Select(line => line.Text(codeField)?.Split('-'))
            // The state is the second part only when there is one: "CA-HST-1" names a tax, not a province.
            .Where(parts => parts is { Length: >= 3 } && RegionalTaxCodes.IsRegionOf(parts[0], parts[1]))
            .Select(parts => parts![1].ToUpperInvariant())
            .Distinct()
            .ToList();
        return regions.Count == 1 ? regions[0] : null;
    }
}
