using static AccountingIntegration.Mapping.Tests.TemplateAssertions;

namespace AccountingIntegration.Mapping.Tests;

public sealed class PayPalTemplateTests
{
    [Fact]
    public void Apply_PaymentCreatedFixture_FlattensItemsOfEveryTransaction()
    {
        var result = Apply("paypal", Fixtures.Load("paypal/PAYMENTS.PAYMENT.CREATED.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        Assert.Equal("sb-ahlmo117121@personal.example.com", Text(invoice, "CustomerRef.value"));
        Assert.Equal("sb-ahlmo117121@personal.example.com", Text(invoice, "BillEmail.Address"));
        Assert.Equal("48787589673111", Text(invoice, "DocNumber"));
        Assert.Equal("2019-08-29", Text(invoice, "TxnDate"));
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal("PayPal payment PAYID-LVT22VY7N839502VJ678725M", Text(invoice, "PrivateNote"));
        Assert.Equal(["Brown hat. | 5 | 3.00 | 15.00 | 1", "Black handbag. | 1 | 15.00 | 15.00 | product34"], Lines(invoice));
        Assert.Equal(
            [
                "CustomerRef.value=Customer:sb-ahlmo117121@personal.example.com",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:1",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:product34",
            ],
            Resolvers(result));
    }
}
