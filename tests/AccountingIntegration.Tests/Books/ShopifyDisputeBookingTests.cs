using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Shopify Payments chargebacks, end to end: the disputed amount taken from the balance is money back for the order, its
/// share of the lines and tax; won, it comes back as a sales receipt of the same, and the ledger is the sale's again.
/// </summary>
public sealed class ShopifyDisputeBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// The fixture order (409.94, 11.94 of tax) paid; a chargeback of all of it (disputes/create) is a refund receipt on
    /// 1 March; won (disputes/update) on 20 April, the money back is a sales receipt dated 20 April, with the order's tax, and
    /// the chargeback stays as booked. The update told again books nothing more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ChargebackThenWon_RefundReceiptThenSalesReceipt_AndTheLedgerIsTheSalesAgain(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var sold = await BookPaidOrderAsync(world);

        var opened = await world.DeliverAsync(Dispute("needs_response"), Delivery.Topic(ShopifyBookingTests.TopicHeader, "disputes/create"));
        Assert.True(opened.Status == PayloadStatus.Succeeded, opened.ToString());
        var chargeback = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((409.94m, "2024-03-01"), ((decimal)chargeback["TotalAmt"]!, (string?)chargeback["TxnDate"]));
        Assert.Equal(0m, (await world.LedgerAsync())["Undeposited Funds"]);

        var won = await world.DeliverAsync(Dispute("won", "2024-04-20"), Delivery.Topic(ShopifyBookingTests.TopicHeader, "disputes/update"));
        var again = await world.DeliverAsync(Dispute("won", "2024-04-20"), Delivery.Topic(ShopifyBookingTests.TopicHeader, "disputes/update"));

        Assert.True(won.Status == PayloadStatus.Succeeded, won.ToString());
        Assert.True(again.Status == PayloadStatus.Succeeded, again.ToString());
        Assert.Equal((string?)chargeback["Id"], (string?)Assert.Single(world.Entities("RefundReceipt"))["Id"]);
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal((409.94m, "2024-04-20"), ((decimal)receipt["TotalAmt"]!, (string?)receipt["TxnDate"]));
        var after = await world.LedgerAsync();
        foreach (var (account, balance) in sold)
        {
            Assert.True(balance == after.GetValueOrDefault(account), $"{account}: {after.GetValueOrDefault(account)}, the sale booked {balance}");
        }
    }

    /// <summary>disputes/create never arrived: the update that says the chargeback was won books its withdrawal and the money back.</summary>
    [Theory, BothDatabases]
    public async Task ChargebackWon_WithoutItsCreateEvent_BooksBothAndLeavesTheSale(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var sold = await BookPaidOrderAsync(world);

        var won = await world.DeliverAsync(Dispute("won", "2024-04-20"), Delivery.Topic(ShopifyBookingTests.TopicHeader, "disputes/update"));

        Assert.True(won.Status == PayloadStatus.Succeeded, won.ToString());
        Assert.Single(world.Entities("RefundReceipt"));
        Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal(sold["Undeposited Funds"], (await world.LedgerAsync())["Undeposited Funds"]);
    }

    private static async Task<IReadOnlyDictionary<string, decimal>> BookPaidOrderAsync(PipelineWorld world)
    {
        var order = JsonNode.Parse(PipelineWorld.ShopifyOrder())!.AsObject();
        (order["financial_status"], order["total_outstanding"]) = ("paid", "0.00");
        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/create"));
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var ledger = await world.LedgerAsync();
        Assert.Equal(409.94m, ledger["Undeposited Funds"]);
        return ledger;
    }

    private static string Dispute(string status, string? finalizedOn = null) => $$"""
        {
          "id": 35982383, "order_id": 450789469, "type": "chargeback", "amount": "409.94", "currency": "USD",
          "reason": "fraudulent", "network_reason_code": "4837", "status": "{{status}}",
          "evidence_due_by": "2024-03-15T19:00:00-04:00", "evidence_sent_on": null,
          "finalized_on": {{(finalizedOn is null ? "null" : $"\"{finalizedOn}\"")}}, "initiated_at": "2024-03-01T14:00:00-05:00"
        }
        """;
}
