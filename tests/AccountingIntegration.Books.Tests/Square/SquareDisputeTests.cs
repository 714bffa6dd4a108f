using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.Square.SquareDelivery;

namespace AccountingIntegration.Books.Tests.Square;

/// <summary>Square's DisputeCreatedEvent example (the fixture) and the states a dispute moves through.</summary>
public sealed class SquareDisputeTests
{
    [Fact]
    public void DisputeCreated_EvidenceRequired_IsNoMoneyWhileSquareHoldsTheAmount()
    {
        using var fixture = Fixtures.Load("square/dispute.created.json");

        var read = Read(fixture.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("dispute:ORSEVtZAJxb37RA1EiGw", read.Subject.Key);
        Assert.Contains("EVIDENCE_REQUIRED", read.IgnoredBecause);
    }

    [Theory]
    [InlineData("LOST", "lost")]
    [InlineData("ACCEPTED", "accepted")]
    public void DisputeStateUpdated_LostOrAccepted_IsARefundOfTheDisputedPayment(string state, string word)
    {
        using var fixture = Fixtures.Load("square/dispute.created.json");
        var dispute = fixture.RootElement.GetProperty("data").GetProperty("object").GetProperty("dispute");
        var body = Editable("square/dispute.created.json");
        body["type"] = "dispute.state.updated";
        body["data"]!["object"]!["dispute"]!["state"] = state;

        var read = Read(body);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal($"payment:{dispute.GetProperty("disputed_payment").GetProperty("payment_id").GetString()}", read.Original!.Key);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal((dispute.GetProperty("id").GetString(), Dollars(dispute.GetProperty("amount_money")), "USD"), (refund.RefundId, refund.Amount, refund.Currency));
        Assert.Equal(88.01m, refund.Amount);
        Assert.Equal($"Chargeback {word}: AMOUNT_DIFFERS", refund.Reason);
    }

    [Theory]
    [InlineData("WON", "won")]
    [InlineData("INQUIRY_EVIDENCE_REQUIRED", "inquiry")]
    [InlineData("PROCESSING", "PROCESSING")]
    public void DisputeStateUpdated_NotLost_IsNoMoney(string state, string reason)
    {
        var body = Editable("square/dispute.created.json");
        body["type"] = "dispute.state.updated";
        body["data"]!["object"]!["dispute"]!["state"] = state;

        var read = Read(body);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains(reason, read.IgnoredBecause);
    }
}
