using static AccountingIntegration.Books.Tests.PayPal.PayPalTestReading;

namespace AccountingIntegration.Books.Tests.PayPal;

/// <summary>
/// CUSTOMER.DISPUTE.RESOLVED, written from PayPal's Dispute resource (https://developer.paypal.com/docs/api/customer-disputes/v1/#disputes_get)
/// in the shape PayPal delivers it (a sandbox delivery's resource, as published with an INTERNAL claim: reason,
/// dispute_channel, dispute_id, dispute_life_cycle_stage, disputed_transactions with seller_transaction_id, update_time).
/// Only a card chargeback (EXTERNAL) takes the money when it is filed; won, the money comes back.
/// </summary>
public sealed class PayPalDisputeTests
{
    [Fact]
    public void ChargebackWon_IsTheMoneyBackForTheCapture_UnderTheDisputesId()
    {
        var read = Read(Resolved("EXTERNAL", "RESOLVED_SELLER_FAVOUR"));

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("dispute:PP-D-27803", read.Subject.Key);
        Assert.Equal("capture:5VK462069F664902F", read.Original!.Key);
        Assert.Equal("sale:5VK462069F664902F", Assert.Single(read.Aliases).Key);
        var back = Assert.Single(read.Refunds);
        Assert.True(back.Reinstated);
        Assert.Equal(("PP-D-27803", 10.00m, "USD"), (back.RefundId, back.Amount, back.Currency));
        Assert.Equal(new DateOnly(2021, 12, 14), back.Date);
        Assert.Equal("chargeback won, funds returned", back.Reason);
    }

    [Fact]
    public void ChargebackWithdrawnByTheBuyer_IsTheMoneyBackToo()
    {
        var back = Assert.Single(Read(Resolved("EXTERNAL", "CANCELED_BY_BUYER")).Refunds);

        Assert.True(back.Reinstated);
        Assert.Equal("chargeback withdrawn by the buyer, funds returned", back.Reason);
    }

    [Theory]
    [InlineData("INTERNAL", "RESOLVED_SELLER_FAVOUR", "only held the funds")]
    [InlineData("ALERT", "RESOLVED_SELLER_FAVOUR", "only held the funds")]
    [InlineData("EXTERNAL", "RESOLVED_BUYER_FAVOUR", "arrives as PAYMENT.CAPTURE.REVERSED")]
    [InlineData("INTERNAL", "RESOLVED_WITH_PAYOUT", "arrives as PAYMENT.CAPTURE.REVERSED")]
    public void OtherResolutions_MoveNoMoney(string channel, string outcome, string because)
    {
        var read = Read(Resolved(channel, outcome));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("dispute:PP-D-27803", read.Subject.Key);
        Assert.Empty(read.Refunds);
        Assert.Contains(because, read.IgnoredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvedWithoutAnOutcome_MovesNoMoney()
    {
        var read = Read(Resolved("EXTERNAL", "RESOLVED_SELLER_FAVOUR").Replace("\"dispute_outcome\": { \"outcome_code\": \"RESOLVED_SELLER_FAVOUR\" },", string.Empty, StringComparison.Ordinal));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("the dispute states no outcome", read.IgnoredBecause);
    }

    [Fact]
    public void ChargebackWon_WithoutItsAmount_FailsNamingTheField()
    {
        var result = ReadResult(Resolved("EXTERNAL", "RESOLVED_SELLER_FAVOUR").Replace("\"value\": \"10.00\"", "\"value\": null", StringComparison.Ordinal));

        Assert.Equal("resource.dispute_amount.value", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void ChargebackWon_OnTwoTransactions_FailsRatherThanGuessTheSplit()
    {
        var two = Resolved("EXTERNAL", "RESOLVED_SELLER_FAVOUR").Replace(
            "{ \"seller_transaction_id\": \"5VK462069F664902F\", \"seller_protection_eligible\": true }",
            "{ \"seller_transaction_id\": \"5VK462069F664902F\" }, { \"seller_transaction_id\": \"7TL573170G775013G\" }", StringComparison.Ordinal);

        var problem = Assert.Single(ReadResult(two).Problems);

        Assert.Equal("resource.disputed_transactions", problem.Field);
        Assert.Contains("2 transactions", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownEvents_ResolvedBooksTheMoneyBack_AsASalesReceipt()
    {
        var resolved = Assert.Single(new Vendors.PayPal.PayPalAdapter().KnownEvents, known => known.EventType == "CUSTOMER.DISPUTE.RESOLVED");

        Assert.Equal(EventMeaning.Refund, resolved.Meaning);
        Assert.Equal(KnownEvent.Reinstatement, resolved.Books);
    }

    /// <summary>A 10.00 USD dispute of the USD fixture's capture, resolved on 14 December 2021.</summary>
    private static string Resolved(string channel, string outcome) => $$"""
        {
          "id": "WH-4M0448861G563140B-9EX36365822141321",
          "create_time": "2021-12-14T19:02:43.000Z",
          "resource_type": "dispute",
          "event_type": "CUSTOMER.DISPUTE.RESOLVED",
          "summary": "A dispute was resolved with case # PP-D-27803",
          "resource": {
            "dispute_id": "PP-D-27803",
            "create_time": "2021-11-02T08:11:00.000Z",
            "update_time": "2021-12-14T18:59:21.000Z",
            "reason": "UNAUTHORISED",
            "status": "RESOLVED",
            "dispute_channel": "{{channel}}",
            "dispute_life_cycle_stage": "CHARGEBACK",
            "dispute_amount": { "currency_code": "USD", "value": "10.00" },
            "dispute_outcome": { "outcome_code": "{{outcome}}" },
            "disputed_transactions": [
              { "seller_transaction_id": "5VK462069F664902F", "seller_protection_eligible": true }
            ],
            "links": [{ "href": "https://api.sandbox.paypal.com/v1/customer/disputes/PP-D-27803", "rel": "self", "method": "GET" }]
          },
          "links": [{ "href": "https://api.sandbox.paypal.com/v1/notifications/webhooks-events/WH-4M0448861G563140B-9EX36365822141321", "rel": "self", "method": "GET" }]
        }
        """;
}
