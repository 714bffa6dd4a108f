using static AccountingIntegration.Mapping.Tests.TemplateAssertions;

namespace AccountingIntegration.Mapping.Tests;

public sealed class PaddleTemplateTests
{
    [Fact]
    public void Apply_TransactionCompletedFixture_ConvertsMinorUnitStrings()
    {
        var result = Apply("paddle", Fixtures.Load("paddle/transaction.completed.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        Assert.Equal("ctm_01h8e18bxp9hby49dnm8ewf0m0", Text(invoice, "CustomerRef.value"));
        Assert.Null(invoice["DocNumber"]);
        Assert.Equal("2023-08-22", Text(invoice, "TxnDate"));
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal(
            [
                "ChatApp Pro | 10 | 30.00 | 300.00 | ChatApp Pro",
                "Voice rooms addon | 1 | 100.00 | 100.00 | Voice rooms addon",
                "Custom domains | 1 | 199.00 | 199.00 | Custom domains",
            ],
            Lines(invoice));
        Assert.All(invoice["Line"]!.AsArray(), line => Assert.Equal("2023-08-22", line!["SalesItemLineDetail"]!["ServiceDate"]!.GetValue<string>()));
        Assert.Equal("Paddle transaction txn_01h8dzxgkvdwemdhbpcapj2tbj", Text(invoice, "PrivateNote"));
        Assert.Null(invoice["BillEmail"]);
        Assert.Equal(
            [
                "CustomerRef.value=Customer:ctm_01h8e18bxp9hby49dnm8ewf0m0",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:ChatApp Pro",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:Voice rooms addon",
                "Line[2].SalesItemLineDetail.ItemRef.value=Item:Custom domains",
            ],
            Resolvers(result));
    }
}
