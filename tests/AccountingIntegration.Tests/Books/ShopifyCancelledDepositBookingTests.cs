using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// The whole story of a Shopify order on which the customer paid a 100.00 deposit and that the merchant then cancelled,
/// end to end against the sandbox, in a Canadian company (13 % HST) and a US company with automated sales tax (6 %).
/// Cancelling and refunding the deposit, Shopify sends an orders/cancelled and a refunds/create, in either order; the
/// refund lists every line of the order, restocked, with its whole subtotal and tax, while the money that went back is
/// the deposit, and a refund_discrepancy adjustment makes up the difference. Whatever the order, the books end at
/// nothing: no income, no tax owed, nothing in A/R, the deposit in and out of Undeposited Funds, the invoice settled.
/// Cancelled without a refund, the deposit kept stays income with its share of the tax.
/// </summary>
public sealed class ShopifyCancelledDepositBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Receivable = "Accounts Receivable (A/R)";
    private const string Undeposited = "Undeposited Funds";
    private const decimal Deposit = 100.00m;

    private static readonly IReadOnlyDictionary<string, string> Created = Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/create");
    private static readonly IReadOnlyDictionary<string, string> Cancelled = Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/cancelled");
    private static readonly IReadOnlyDictionary<string, string> Refunded = Delivery.Topic(ShopifyBookingTests.TopicHeader, "refunds/create");

    /// <summary>A company's books and the Shopify order it sells: its currency, tax rate and tax liability account.</summary>
    public sealed record Regime(string Name, CompanySettings Company, string Currency, decimal Rate, string TaxAccount);

    private static readonly Regime Canada = new("Canada", new CompanySettings { Country = "CA" }, "CAD", 0.13m, "GST/HST Payable");

    private static readonly Regime UnitedStates = new(
        "United States", new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true }, "USD", 0.06m, "Sales Tax Payable");

    [Theory, BothDatabases]
    public Task CanadianCompany_DepositRefundedBeforeTheCancellation_NetsToNothing(DatabaseKind kind) => RefundedAndCancelledAsync(kind, Canada, refundFirst: true);

    [Theory, BothDatabases]
    public Task CanadianCompany_DepositRefundedAfterTheCancellation_NetsToNothing(DatabaseKind kind) => RefundedAndCancelledAsync(kind, Canada, refundFirst: false);

    [Theory, BothDatabases]
    public Task UsCompany_DepositRefundedBeforeTheCancellation_NetsToNothing(DatabaseKind kind) => RefundedAndCancelledAsync(kind, UnitedStates, refundFirst: true);

    [Theory, BothDatabases]
    public Task UsCompany_DepositRefundedAfterTheCancellation_NetsToNothing(DatabaseKind kind) => RefundedAndCancelledAsync(kind, UnitedStates, refundFirst: false);

    [Theory, BothDatabases]
    public Task CanadianCompany_CancelledKeepingTheDeposit_KeepsItAsIncomeWithItsShareOfTax(DatabaseKind kind) => KeptAsync(kind, Canada);

    [Theory, BothDatabases]
    public Task UsCompany_CancelledKeepingTheDeposit_KeepsItAsIncomeWithItsShareOfTax(DatabaseKind kind) => KeptAsync(kind, UnitedStates);

    /// <summary>
    /// The deposit order booked, then cancelled and its deposit refunded, the two deliveries in the order given. The refund
    /// gives back the deposit as its share of the order (its goods and tax), the cancellation credits the rest, and the two
    /// together give back exactly the order's goods and tax. Each delivered again changes nothing.
    /// </summary>
    private async Task RefundedAndCancelledAsync(DatabaseKind kind, Regime regime, bool refundFirst)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: regime.Company);
        var (order, income) = await BookDepositOrderAsync(world, regime);
        var total = Delivery.Amount(order["total_price"]);
        var refund = CancellationRefund(order, 7321);
        var cancelled = CancelledOrder(order, refund);
        var deliveries = refundFirst
            ? new[] { (Body: refund, Topic: Refunded), (Body: cancelled, Topic: Cancelled) }
            : [(Body: cancelled, Topic: Cancelled), (Body: refund, Topic: Refunded)];

        foreach (var (body, topic) in deliveries)
        {
            var outcome = await world.DeliverAsync(body.ToJsonString(), topic);
            Assert.True(outcome.Status == PayloadStatus.Succeeded, outcome.ToString());
        }

        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, 0m, 0m), (ledger[income], ledger[regime.TaxAccount], ledger[Receivable], ledger[Undeposited]));
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((total, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((Deposit, total - Deposit), ((decimal)receipt["TotalAmt"]!, (decimal)credit["TotalAmt"]!));
        // The deposit went back with its share of the tax, the credit with the rest's: the order's tax, given back once.
        Assert.Equal(Delivery.Amount(order["total_tax"]), TaxOf(receipt) + TaxOf(credit));

        foreach (var (body, topic) in deliveries)
        {
            Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(body.ToJsonString(), topic)).Status);
        }

        Assert.Single(world.Entities("RefundReceipt"));
        Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(ledger, await world.LedgerAsync());
    }

    /// <summary>
    /// The deposit order cancelled and no refund made: the deposit stays in Undeposited Funds as the income and tax it is a
    /// share of (the order's goods and tax, each times 100.00 over the order's total), and nothing is owed.
    /// </summary>
    private async Task KeptAsync(DatabaseKind kind, Regime regime)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: regime.Company);
        var (order, income) = await BookDepositOrderAsync(world, regime);
        var total = Delivery.Amount(order["total_price"]);
        var tax = Delivery.Amount(order["total_tax"]);
        order["cancelled_at"] = "2024-10-05T21:30:00-05:00";
        order["cancel_reason"] = "customer";

        var cancel = await world.DeliverAsync(order.ToJsonString(), Cancelled);

        Assert.True(cancel.Status == PayloadStatus.Succeeded, cancel.ToString());
        Assert.Empty(world.Entities("RefundReceipt"));
        var keptTax = Math.Round(tax * Deposit / total, 2, MidpointRounding.AwayFromZero);
        var ledger = await world.LedgerAsync();
        Assert.Equal((Deposit - keptTax, keptTax, 0m, Deposit), (ledger[income], ledger[regime.TaxAccount], ledger[Receivable], ledger[Undeposited]));
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
    }

    /// <summary>
    /// Shopify's 3 × 74.99 order in <paramref name="regime"/>'s currency and rate, on which a deposit of 100.00 was paid
    /// (<c>partially_paid</c>), booked as an invoice and a payment; and the income account its goods went to.
    /// </summary>
    private static async Task<(JsonObject Order, string Income)> BookDepositOrderAsync(PipelineWorld world, Regime regime)
    {
        var order = RetaxedOrder.Create(7320, regime.Currency, regime.Rate);
        var total = Delivery.Amount(order["total_price"]);
        order["financial_status"] = "partially_paid";
        order["total_outstanding"] = Text(total - Deposit);
        var sale = await world.DeliverAsync(order.ToJsonString(), Created);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var booked = await world.LedgerAsync();
        Assert.Equal((total - Deposit, Deposit, Delivery.Amount(order["total_tax"])), (booked[Receivable], booked[Undeposited], booked[regime.TaxAccount]));
        var income = Assert.Single(booked, account => account.Value == Delivery.Amount(order["subtotal_price"])).Key;
        return (order, income);
    }

    /// <summary>
    /// The refund Shopify makes when the merchant cancels the order and refunds the deposit: every line cancelled and
    /// restocked (<c>restock_type</c> "cancel"), each with its whole subtotal and tax; one successful refund transaction of
    /// the deposit; and a <c>refund_discrepancy</c> adjustment of the difference, stating no tax, as a refund of items for
    /// less than their calculated amount is recorded (https://shopify.dev/docs/api/admin-rest/2023-10/resources/refund).
    /// </summary>
    private static JsonObject CancellationRefund(JsonObject order, long id)
    {
        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        (refund["id"], refund["order_id"]) = (id, order["id"]!.DeepClone());
        (refund["created_at"], refund["processed_at"], refund["note"], refund["restock"]) =
            ("2024-10-05T21:30:00-05:00", "2024-10-05T21:30:00-05:00", "Order cancelled", true);
        var returned = new JsonArray();
        var lines = 0m;
        foreach (var line in order["line_items"]!.AsArray().OfType<JsonObject>())
        {
            var subtotal = Delivery.Amount(line["price"]) * Delivery.Amount(line["quantity"]);
            var tax = line["tax_lines"]!.AsArray().Sum(t => Delivery.Amount(t!["price"]));
            lines += subtotal + tax;
            returned.Add(new JsonObject
            {
                ["id"] = id * 10 + returned.Count, ["line_item_id"] = line["id"]!.DeepClone(), ["quantity"] = line["quantity"]!.DeepClone(),
                ["restock_type"] = "cancel", ["subtotal"] = Text(subtotal), ["total_tax"] = Text(tax), ["line_item"] = line.DeepClone(),
            });
        }

        refund["refund_line_items"] = returned;
        var transaction = refund["transactions"]![0]!.AsObject();
        (transaction["order_id"], transaction["amount"], transaction["currency"], transaction["gateway"]) =
            (order["id"]!.DeepClone(), Text(Deposit), (string?)order["currency"], "shopify_payments");
        (transaction["created_at"], transaction["kind"], transaction["status"]) = ("2024-10-05T21:30:00-05:00", "refund", "success");
        refund["order_adjustments"] = new JsonArray(new JsonObject
        {
            ["id"] = id + 1, ["order_id"] = order["id"]!.DeepClone(), ["refund_id"] = id, ["kind"] = "refund_discrepancy",
            ["reason"] = "Refund discrepancy", ["amount"] = Text(lines - Deposit), ["tax_amount"] = "0.00",
        });
        return refund;
    }

    /// <summary>The order as orders/cancelled states it once cancelled and its deposit refunded.</summary>
    private static JsonObject CancelledOrder(JsonObject order, JsonObject refund)
    {
        var cancelled = order.DeepClone().AsObject();
        cancelled["financial_status"] = "refunded";
        cancelled["cancelled_at"] = "2024-10-05T21:30:00-05:00";
        cancelled["cancel_reason"] = "customer";
        cancelled["total_outstanding"] = "0.00";
        cancelled["refunds"] = new JsonArray(refund.DeepClone());
        return cancelled;
    }

    private static decimal TaxOf(JsonNode document) => (decimal?)document["TxnTaxDetail"]?["TotalTax"] ?? 0m;

    private static string Text(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
