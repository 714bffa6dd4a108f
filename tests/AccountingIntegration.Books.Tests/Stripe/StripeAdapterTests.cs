using AccountingIntegration.Books.Vendors.Stripe;
using static AccountingIntegration.Books.Tests.Stripe.StripeTestReading;

namespace AccountingIntegration.Books.Tests.Stripe;

public sealed class StripeAdapterTests
{
    [Fact]
    public void VendorAdapters_ForStripe_IsTheStripeAdapter() =>
        Assert.IsType<StripeAdapter>(VendorAdapters.For("stripe"));

    [Fact]
    public void KnownEvents_EachNamedOnceAndDescribed()
    {
        var known = new StripeAdapter().KnownEvents;

        Assert.Equal(known.Count, known.Select(e => e.EventType).Distinct().Count());
        Assert.All(known, e => Assert.False(string.IsNullOrWhiteSpace(e.Description)));
        Assert.Contains(known, e => e.EventType == "invoice.paid" && e.Meaning == EventMeaning.Sale);
        Assert.Contains(known, e => e.EventType == "charge.refunded" && e.Meaning == EventMeaning.Refund);
        Assert.Contains(known, e => e.EventType == "invoice.voided" && e.Meaning == EventMeaning.Cancellation);
    }

    [Fact]
    public void Read_UnknownEvent_MovesNoMoneyAndSaysSo()
    {
        var read = Read("""{ "id": "evt_1", "type": "product.created", "data": { "object": { "id": "prod_1", "object": "product" } } }""");

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("product:prod_1", read.Subject.Key);
        Assert.Equal("product.created is not an event the books use", read.IgnoredBecause);
    }

    [Fact]
    public void Read_WithoutDataObject_FailsNamingTheField()
    {
        var result = ReadResult("""{ "id": "evt_1", "type": "invoice.paid", "data": {} }""");

        Assert.Equal("data.object", Assert.Single(result.Problems).Field);
    }
}
