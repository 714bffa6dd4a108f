using static AccountingIntegration.Books.Tests.Stripe.StripeTestReading;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>
/// Refunds on API versions the fixtures (2020-08-27) do not cover. Bodies are written for these tests from
/// Stripe's documented Charge (https://docs.stripe.com/api/charges/object) and Refund
/// (https://docs.stripe.com/api/refunds/object); from 2022-11-15 a charge no longer embeds its refunds
/// (https://docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand), and from 2024-10-28
/// refund.created comes for every refund (https://docs.stripe.com/changelog/acacia/2024-10-28/refund-webhook-update).
/// </summary>
public sealed class StripeRefundVersionTests
{
    // A second partial refund: 5.00 was refunded before, 10.00 now, of a 50.00 charge.
    private const string PartialChargeRefunded = """
        {
          "id": "evt_3PpartialRefund0001",
          "object": "event",
          "api_version": "2023-10-16",
          "created": 1700000000,
          "type": "charge.refunded",
          "data": {
            "object": {
              "id": "ch_3PpartialCharge0001",
              "object": "charge",
              "amount": 5000,
              "amount_captured": 5000,
              "amount_refunded": 1500,
              "captured": true,
              "currency": "usd",
              "invoice": null,
              "paid": true,
              "payment_intent": "pi_3PpartialPayment001",
              "refunded": false,
              "status": "succeeded"
            },
            "previous_attributes": { "amount_refunded": 500 }
          }
        }
        """;

    private const string RefundCreated = """
        {
          "id": "evt_3QrefundCreated0001",
          "object": "event",
          "api_version": "2025-03-31.basil",
          "created": 1743600000,
          "type": "refund.created",
          "data": {
            "object": {
              "id": "re_3QrefundCreated0001",
              "object": "refund",
              "amount": 1000,
              "charge": "ch_3QrefundedCharge001",
              "created": 1743599990,
              "currency": "usd",
              "payment_intent": "pi_3QrefundedPayment01",
              "reason": "requested_by_customer",
              "status": "succeeded"
            }
          }
        }
        """;

    [Fact]
    public void ChargeRefunded_Partial_NewerApi_BooksTheDeltaUnderACumulativeId()
    {
        var charge = ObjectOf(PartialChargeRefunded);

        var read = Read(PartialChargeRefunded);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("charge:ch_3PpartialCharge0001", read.Original!.Key);
        Assert.Equal(["payment_intent:pi_3PpartialPayment001"], read.Aliases.Select(alias => alias.Key));
        var refund = Assert.Single(read.Refunds);
        Assert.Equal($"ch_3PpartialCharge0001:{charge.GetProperty("amount_refunded").GetInt64()}", refund.RefundId);
        Assert.Equal(Minor(charge, "amount_refunded") - 5.00m, refund.Amount);
        Assert.Equal("USD", refund.Currency);
        Assert.Equal(new DateOnly(2023, 11, 14), refund.Date);
    }

    [Fact]
    public void ChargeRefunded_Redelivered_GivesTheSameRefundId()
    {
        Assert.Equal(Assert.Single(Read(PartialChargeRefunded).Refunds).RefundId, Assert.Single(Read(PartialChargeRefunded).Refunds).RefundId);
    }

    [Fact]
    public void ChargeRefunded_WithoutPreviousAmount_FailsNamingTheField()
    {
        var broken = PartialChargeRefunded.Replace("\"previous_attributes\": { \"amount_refunded\": 500 }", "\"previous_attributes\": {}", StringComparison.Ordinal);

        var result = ReadResult(broken);

        Assert.Equal("data.previous_attributes.amount_refunded", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void ChargeRefunded_FromVersionsWithRefundEvents_IsLeftToRefundCreated()
    {
        var newer = PartialChargeRefunded.Replace("\"2023-10-16\"", "\"2025-03-31.basil\"", StringComparison.Ordinal);

        var read = Read(newer);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("refund.created", read.IgnoredBecause);
    }

    [Fact]
    public void RefundCreated_Succeeded_IsTheRefundUnderItsOwnId()
    {
        var refund = ObjectOf(RefundCreated);

        var read = Read(RefundCreated);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("refund:re_3QrefundCreated0001", read.Subject.Key);
        Assert.Equal("charge:ch_3QrefundedCharge001", read.Original!.Key);
        Assert.Equal(["payment_intent:pi_3QrefundedPayment01"], read.Aliases.Select(alias => alias.Key));
        var booked = Assert.Single(read.Refunds);
        Assert.Equal("re_3QrefundCreated0001", booked.RefundId);
        Assert.Equal(Minor(refund, "amount"), booked.Amount);
        Assert.Equal("requested_by_customer", booked.Reason);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("requires_action")]
    public void RefundCreated_NotSucceededYet_MovesNoMoney(string status)
    {
        var notYet = RefundCreated.Replace("\"status\": \"succeeded\"", $"\"status\": \"{status}\"", StringComparison.Ordinal);

        var read = Read(notYet);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains(status, read.IgnoredBecause);
    }

    /// <summary>A refund that failed or was canceled, even after it succeeded, cancels that refund: what was booked for it is taken back.</summary>
    [Theory]
    [InlineData("refund.failed", "failed")]
    [InlineData("refund.updated", "failed")]
    [InlineData("charge.refund.updated", "canceled")]
    public void RefundThatDidNotGoThrough_CancelsThatRefund(string type, string status)
    {
        var failed = RefundCreated
            .Replace("\"refund.created\"", $"\"{type}\"", StringComparison.Ordinal)
            .Replace("\"status\": \"succeeded\"", $"\"status\": \"{status}\", \"failure_reason\": \"lost_or_stolen_card\"", StringComparison.Ordinal);

        var read = Read(failed);

        Assert.Equal(EventMeaning.Cancellation, read.Meaning);
        Assert.Equal("refund:re_3QrefundCreated0001", read.Subject.Key);
        Assert.Equal("charge:ch_3QrefundedCharge001", read.Original!.Key);
        var undone = Assert.Single(read.Refunds);
        Assert.Equal(("re_3QrefundCreated0001", "lost_or_stolen_card"), (undone.RefundId, undone.Reason));
    }

    [Fact]
    public void RefundUpdated_OnVersionsWhereChargeRefundedBooks_IsLeftToChargeRefunded()
    {
        var between = RefundCreated
            .Replace("\"2025-03-31.basil\"", "\"2023-10-16\"", StringComparison.Ordinal)
            .Replace("\"refund.created\"", "\"refund.updated\"", StringComparison.Ordinal);

        var read = Read(between);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("charge.refunded", read.IgnoredBecause);
    }
}
