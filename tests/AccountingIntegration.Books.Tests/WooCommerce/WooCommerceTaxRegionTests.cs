using System.Text.Json.Nodes;
using static AccountingIntegration.Books.Tests.WooCommerce.WooCommerceDelivery;

namespace AccountingIntegration.Books.Tests.WooCommerce;

/// <summary>
/// A Canadian shop's tax line names the province its rate is for ("CA-NB-HST-1": country, state, name, priority); the
/// sale's place of supply is that province, whatever the addresses say, since the shop may tax by its own address. A rate
/// for the whole country, a US state or several provinces name none, and the addresses decide.
/// </summary>
public sealed class WooCommerceTaxRegionTests
{
    [Theory]
    [InlineData("CA-NB-HST-1", "NB")]
    [InlineData("CA-BC-PST", "BC")] // priority 0 is left out of the code
    [InlineData("ca-pe-hst-1", "PE")]
    [InlineData("CA-HST-1", "ON")] // no state: a rate for all of Canada
    [InlineData("CA-GST", "ON")]
    [InlineData("US-CA-STATE TAX", "ON")] // California, not Canada's provinces
    [InlineData("GB-VAT-1", "ON")]
    public void RateCode_NamesThePlaceOfSupply(string rateCode, string placeOfSupply)
    {
        var order = OrderShippedToOntario();
        order["tax_lines"]![0]!["rate_code"] = rateCode;

        Assert.Equal(placeOfSupply, Read("order.created", order).Sale!.PlaceOfSupply);
    }

    [Fact]
    public void RateCodes_NamingTwoProvinces_LeaveItToTheAddresses()
    {
        var order = OrderShippedToOntario();
        var second = order["tax_lines"]![0]!.DeepClone();
        (order["tax_lines"]![0]!["rate_code"], second["rate_code"], second["tax_total"]) = ("CA-NB-HST-1", "CA-NL-HST-1", "0.00");
        order["tax_lines"]!.AsArray().Add(second);

        Assert.Equal("ON", Read("order.created", order).Sale!.PlaceOfSupply);
    }

    /// <summary>The legacy API calls the rate code <c>code</c>; GST and a province's PST are two lines, one naming it.</summary>
    [Fact]
    public void LegacyOrder_TaxLineCode_NamesThePlaceOfSupply()
    {
        var body = Editable("woocommerce/order.created.legacy-v3.json");
        var order = body["order"]!;
        (order["tax_lines"]![0]!["code"], order["tax_lines"]![1]!["code"]) = ("CA-GST-1", "CA-MB-PST-2");

        Assert.Equal("MB", Read("order.created", body).Sale!.PlaceOfSupply);
    }

    private static JsonNode OrderShippedToOntario()
    {
        var order = Editable("woocommerce/order.created.json");
        foreach (var address in new[] { "billing", "shipping" })
        {
            (order[address]!["state"], order[address]!["country"]) = ("ON", "CA");
        }

        return order;
    }
}
