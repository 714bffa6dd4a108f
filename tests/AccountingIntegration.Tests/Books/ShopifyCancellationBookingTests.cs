using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Shopify orders cancelled after money was taken, end to end against the sandbox. A cancelled order is never collected:
/// what its invoice still owed after a deposit comes off A/R as a credit of that share of the order, tax included at its
/// codes, while the deposit stays booked. A paid order keeps its documents; an unpaid one is voided
/// (<see cref="ShopifyBookingTests.OrderCreatedThenCancelled_VoidsItsInvoice"/>).
/// </summary>
public sealed class ShopifyCancellationBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> Created = Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/create");
    private static readonly IReadOnlyDictionary<string, string> Cancelled = Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/cancelled");

    /// <summary>
    /// An Ontario order, 3 × 74.99 with 13 % HST (224.97 + 29.25 = 254.22), on which the customer paid a 100.00 deposit, is
    /// cancelled and the merchant keeps the deposit. The 154.22 still owed is credited as the share of the order not paid:
    /// the order less the deposit's share, 224.97 − 88.49 = 136.48 of goods at the HST code and 29.25 − 11.51 = 17.74 of HST.
    /// The invoice and A/R owe nothing, the deposit stays in Undeposited Funds with the income and HST it paid for, and the
    /// cancellation told again (redelivered, or as an orders/updated of the cancelled order) credits nothing more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task DepositPaidThenCancelled_CreditsTheUnpaidRestAtItsTaxCode_AndKeepsTheDeposit(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.Create(7301, "CAD", 0.13m);
        Assert.Equal((254.22m, 29.25m), (Delivery.Amount(order["total_price"]), Delivery.Amount(order["total_tax"])));
        order["financial_status"] = "partially_paid";
        order["total_outstanding"] = "154.22";
        var sale = await world.DeliverAsync(order.ToJsonString(), Created);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var before = await world.LedgerAsync();
        Assert.Equal((154.22m, 100.00m, 29.25m), (before["Accounts Receivable (A/R)"], before["Undeposited Funds"], before["GST/HST Payable"]));

        order["cancelled_at"] = "2024-10-05T21:30:00-05:00";
        order["cancel_reason"] = "customer";
        var cancel = await world.DeliverAsync(order.ToJsonString(), Cancelled);

        Assert.True(cancel.Status == PayloadStatus.Succeeded, cancel.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((254.22m, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((154.22m, 17.74m, 0m), ((decimal)credit["TotalAmt"]!, (decimal)credit["TxnTaxDetail"]!["TotalTax"]!, (decimal)credit["Balance"]!));
        Assert.Equal("2024-10-05", (string?)credit["TxnDate"]);
        Assert.Equal((string?)invoice["CustomerRef"]!["value"], (string?)credit["CustomerRef"]!["value"]);
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        var goods = Assert.Single(credit["Line"]!.AsArray(), l => (string?)l!["DetailType"] == "SalesItemLineDetail")!;
        Assert.Equal((136.48m, "HST ON"), ((decimal)goods["Amount"]!, taxCodes[(string)goods["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!]));
        // The deposit is still there, and applied; the credit is applied by a payment of nothing.
        Assert.Equal([0m, 100.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        var after = await world.LedgerAsync();
        Assert.Equal((0m, 100.00m, 11.51m), (after["Accounts Receivable (A/R)"], after["Undeposited Funds"], after["GST/HST Payable"]));
        var income = Assert.Single(after, account => before.TryGetValue(account.Key, out var was) && was == 224.97m).Key;
        Assert.Equal(88.49m, after[income]);

        var again = await world.DeliverAsync(order.ToJsonString(), Cancelled);
        var updated = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/updated"));

        Assert.Equal(PayloadStatus.Succeeded, again.Status);
        Assert.Equal(PayloadStatus.Skipped, updated.Status);
        Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(2, world.Entities("Payment").Count);
        Assert.Equal(after, await world.LedgerAsync());
    }

    /// <summary>
    /// An order paid in full and cancelled owes nothing: its invoice and payment stay as booked, nothing is voided or
    /// credited, and the money that goes back is its refund's to book.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaidInFullThenCancelled_KeepsItsDocuments(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = JsonNode.Parse(PipelineWorld.ShopifyOrder())!.AsObject();
        var total = Delivery.Amount(order["total_price"]);
        order["financial_status"] = "paid";
        order["total_outstanding"] = "0.00";
        var sale = await world.DeliverAsync(order.ToJsonString(), Created);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        order["financial_status"] = "refunded";
        order["cancelled_at"] = "2008-01-11T12:00:00-05:00";
        var cancel = await world.DeliverAsync(order.ToJsonString(), Cancelled);

        Assert.Equal(PayloadStatus.Skipped, cancel.Status);
        Assert.StartsWith("EVENT_IGNORED", cancel.LastError);
        Assert.Contains("refund books the money that went back", cancel.LastError);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((total, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        Assert.Empty(world.Entities("CreditMemo"));
        Assert.Equal(total, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, total), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"]));
    }
}
