using static AccountingIntegration.Mapping.Tests.TemplateAssertions;

namespace AccountingIntegration.Mapping.Tests;

public sealed class ShopifyTemplateTests
{
    [Fact]
    public void Apply_RestOrderFixture_BuildsValidInvoice()
    {
        var result = Apply("shopify", Fixtures.Load("shopify/order.rest-fixture.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        Assert.Equal("bob.norman@hostmail.com", Text(invoice, "CustomerRef.value"));
        Assert.Equal("bob.norman@hostmail.com", Text(invoice, "BillEmail.Address"));
        Assert.Equal("#1001", Text(invoice, "DocNumber"));
        Assert.Equal("2008-01-10", Text(invoice, "TxnDate"));
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal("Shopify order 450789469", Text(invoice, "PrivateNote"));
        Assert.Equal(
            [
                "IPod Nano - 8gb - green | 1 | 199.00 | 199.00 | IPOD2008GREEN",
                "IPod Nano - 8gb - red | 1 | 199.00 | 199.00 | IPOD2008RED",
                "IPod Nano - 8gb - black | 1 | 199.00 | 199.00 | IPOD2008BLACK",
            ],
            Lines(invoice));
        Assert.Equal(
            [
                "CustomerRef.value=Customer:bob.norman@hostmail.com",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:IPOD2008GREEN",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:IPOD2008RED",
                "Line[2].SalesItemLineDetail.ItemRef.value=Item:IPOD2008BLACK",
            ],
            Resolvers(result));
    }

    [Fact]
    public void Apply_OrdersCreateFixture_KeepsEighteenDigitIdAndOrderEmail()
    {
        var result = Apply("shopify", Fixtures.Load("shopify/orders-create.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        // The order's e-mail wins over customer.email ("john@test.com"); the id is above 2^53 and must not round.
        Assert.Equal("jon@doe.ca", Text(invoice, "CustomerRef.value"));
        Assert.Equal("jon@doe.ca", Text(invoice, "BillEmail.Address"));
        Assert.Equal("Shopify order 820982911946154508", Text(invoice, "PrivateNote"));
        Assert.Equal("#9999", Text(invoice, "DocNumber"));
        // processed_at is null, so the date comes from created_at, in the shop's own offset (-04:00).
        Assert.Equal("2019-06-04", Text(invoice, "TxnDate"));
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal(
            ["IPod Nano - 8GB | 1 | 199.00 | 199.00 | IPOD2008PINK", "IPod Nano - 8GB | 1 | 199.00 | 199.00 | IPOD2008PINK"],
            Lines(invoice));
        Assert.Equal(
            [
                "CustomerRef.value=Customer:jon@doe.ca",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:IPOD2008PINK",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:IPOD2008PINK",
            ],
            Resolvers(result));
    }
}
