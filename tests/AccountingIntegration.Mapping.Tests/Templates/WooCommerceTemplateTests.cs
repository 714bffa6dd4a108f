using static AccountingIntegration.Mapping.Tests.TemplateAssertions;

namespace AccountingIntegration.Mapping.Tests;

public sealed class WooCommerceTemplateTests
{
    [Fact]
    public void Apply_OrderCreatedFixture_DecodesNamesAndComputesAmounts()
    {
        var result = Apply("woocommerce", Fixtures.Load("woocommerce/order.created.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        Assert.Equal("john.doe@example.com", Text(invoice, "CustomerRef.value"));
        Assert.Equal("john.doe@example.com", Text(invoice, "BillEmail.Address"));
        Assert.Equal("727", Text(invoice, "DocNumber"));
        Assert.Equal("2017-03-22", Text(invoice, "TxnDate"));
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal("WooCommerce order 727", Text(invoice, "PrivateNote"));
        Assert.Null(invoice["CustomerMemo"]);
        Assert.Equal(
            [
                "Woo Single #1 | 2 | 3 | 6.00 | Woo Single #1",
                "Ship Your Idea – Color: Black, Size: M Test | 1 | 12 | 12.00 | Bar3",
            ],
            Lines(invoice));
        Assert.Equal(
            [
                "CustomerRef.value=Customer:john.doe@example.com",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:Woo Single #1",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:Bar3",
            ],
            Resolvers(result));
    }

    [Fact]
    public void Apply_OrderUpdatedFixture_HandlesUnicodeCustomerAndIgnoresRefunds()
    {
        var result = Apply("woocommerce", Fixtures.Load("woocommerce/order.updated.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        Assert.Equal("joao.silva@example.com", Text(invoice, "CustomerRef.value"));
        Assert.Equal("723", Text(invoice, "DocNumber"));
        Assert.Equal("2017-03-21", Text(invoice, "TxnDate"));
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal("joao.silva@example.com", Text(invoice, "BillEmail.Address"));
        Assert.Equal("WooCommerce order 723", Text(invoice, "PrivateNote"));
        Assert.Equal(["Woo Album #2 | 1 | 9 | 9.00 | Woo Album #2", "Woo Ninja | 1 | 20 | 20.00 | Woo Ninja"], Lines(invoice));
        Assert.Equal(
            [
                "CustomerRef.value=Customer:joao.silva@example.com",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:Woo Album #2",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:Woo Ninja",
            ],
            Resolvers(result));
    }
}
