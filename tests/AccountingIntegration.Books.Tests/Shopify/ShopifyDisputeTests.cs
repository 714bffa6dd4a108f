using System.Text.Json;
using static AccountingIntegration.Books.Tests.Shopify.ShopifyDelivery;

namespace AccountingIntegration.Books.Tests.Shopify;

/// <summary>
/// Shopify Payments disputes (the REST Dispute resource, https://shopify.dev/docs/api/admin-rest/latest/resources/dispute):
/// a chargeback takes the disputed amount when it opens and gives it back when won; an inquiry holds nothing.
/// </summary>
public sealed class ShopifyDisputeTests
{
    [Fact]
    public void DisputeCreated_Chargeback_IsMoneyBackForTheOrder_UnderTheDisputesId()
    {
        var read = Read("disputes/create", Dispute("chargeback", "needs_response"));

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("dispute:35982383", read.Subject.Key);
        Assert.Equal("order:450789469", read.Original!.Key);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal(("35982383", 409.94m, "USD", false), (refund.RefundId, refund.Amount, refund.Currency, refund.Reinstated));
        Assert.Equal(new DateOnly(2024, 3, 1), refund.Date);
        Assert.Equal("Chargeback: fraudulent", refund.Reason);
        Assert.True(refund.StatesOnlyItsAmount);
    }

    /// <summary>Won: the withdrawal is told again (booked once) and the amount comes back, dated when the dispute was finalized.</summary>
    [Fact]
    public void DisputeUpdated_Won_TellsTheWithdrawalAndTheMoneyComingBack()
    {
        var read = Read("disputes/update", Dispute("chargeback", "won", finalizedOn: "2024-04-20"));

        Assert.Collection(read.Refunds,
            withdrawal => Assert.Equal(("35982383", false, new DateOnly(2024, 3, 1)), (withdrawal.RefundId, withdrawal.Reinstated, withdrawal.Date)),
            back => Assert.Equal(("35982383", true, new DateOnly(2024, 4, 20), 409.94m), (back.RefundId, back.Reinstated, back.Date, back.Amount)));
    }

    [Theory]
    [InlineData("inquiry", "needs_response")]
    [InlineData("inquiry", "won")]
    [InlineData("chargeback", "prevented")]
    [InlineData("chargeback", "charge_refunded")]
    public void Dispute_ThatTookNoFunds_MovesNoMoney(string type, string status)
    {
        var read = Read("disputes/update", Dispute(type, status));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.False(string.IsNullOrEmpty(read.IgnoredBecause));
    }

    [Fact]
    public void DisputeCreated_WithoutItsOrder_FailsNamingTheField()
    {
        var body = Dispute("chargeback", "needs_response").GetRawText().Replace("\"order_id\": 450789469,", string.Empty, StringComparison.Ordinal);

        var result = Deliver("disputes/create", JsonDocument.Parse(body).RootElement);

        Assert.Equal("order_id", Assert.Single(result.Problems).Field);
    }

    private static JsonElement Dispute(string type, string status, string? finalizedOn = null) => JsonDocument.Parse($$"""
        {
          "id": 35982383, "order_id": 450789469, "type": "{{type}}", "amount": "409.94", "currency": "USD",
          "reason": "fraudulent", "network_reason_code": "4837", "status": "{{status}}",
          "evidence_due_by": "2024-03-15T19:00:00-04:00", "evidence_sent_on": null,
          "finalized_on": {{(finalizedOn is null ? "null" : $"\"{finalizedOn}\"")}}, "initiated_at": "2024-03-01T14:00:00-05:00"
        }
        """).RootElement;
}
