using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every Shopify fixture, end to end against the sandbox (the demo company: US dollars, no sales tax kept, so the
/// order's tax is a line on the tax liability), with the X-Shopify-Topic each is delivered under. Expected values come
/// from the fixtures' own total fields.
/// </summary>
public sealed class ShopifyBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    internal const string TopicHeader = "X-Shopify-Topic";

    [Theory, BothDatabases]
    public async Task EveryFixture_BooksOrdersToTheirTotals_RefundsAgainstTheirOrder_AndRefusesForeignCurrency(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var authorized = Delivery.Fixture("shopify/order.rest-fixture.json");
        var discounted = Delivery.Fixture("shopify/orders-create.discount-code.rest-docs.json");

        var first = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));
        var second = await world.DeliverFixtureAsync("shopify/orders-create.discount-code.rest-docs.json", Delivery.Topic(TopicHeader, "orders/create"));

        // An authorized order is owed in full; a paid one with an outstanding part is owed that part.
        var firstInvoice = Invoice(world, first);
        Assert.Equal(Delivery.Amount(authorized["total_price"]), (decimal)firstInvoice["TotalAmt"]!);
        Assert.Equal(Delivery.Amount(authorized["total_price"]), (decimal)firstInvoice["Balance"]!);
        // Its lines exceed its subtotal by a discount it does not allocate: booked as a discount, and the sync log says so.
        Assert.Contains("a discount the order does not allocate, is booked as a discount", first.Detail.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("does not allocate", second.Detail.ToString(), StringComparison.Ordinal);
        var secondInvoice = Invoice(world, second);
        Assert.Equal(Delivery.Amount(discounted["total_price"]), (decimal)secondInvoice["TotalAmt"]!);
        Assert.Equal(Delivery.Amount(discounted["total_outstanding"]), (decimal)secondInvoice["Balance"]!);

        // The refund names its order; no payment was ever received for it, so the money is credited against the invoice.
        var refundJson = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        var refundAmount = refundJson["transactions"]!.AsArray().Where(t => (string?)t!["kind"] == "refund").Sum(t => Delivery.Amount(t!["amount"]));
        var refund = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", Delivery.Topic(TopicHeader, "refunds/create"));
        Assert.Equal(PayloadStatus.Succeeded, refund.Status);
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(refundAmount, (decimal)credit["TotalAmt"]!);
        Assert.Equal(Delivery.Amount(authorized["total_price"]) - refundAmount, (decimal)Invoice(world, first)["Balance"]!);

        var euros = await world.DeliverFixtureAsync("shopify/orders-create.eur-shop-tax.rest-docs.json", Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(PayloadStatus.Failed, euros.Status);
        Assert.StartsWith("BOOKING_REFUSED", euros.LastError);
        Assert.Contains("EUR", euros.LastError);

        // Shopify's own samples are of an order that was cancelled (voided) and never booked: there is nothing to
        // void, so neither waits for a sale.
        var created = await world.DeliverFixtureAsync("shopify/orders-create.json", Delivery.Topic(TopicHeader, "orders/create"));
        var cancelled = await world.DeliverFixtureAsync("shopify/orders-cancelled.json", Delivery.Topic(TopicHeader, "orders/cancelled"));
        foreach (var cancellation in new[] { created, cancelled })
        {
            Assert.Equal(PayloadStatus.Skipped, cancellation.Status);
            Assert.StartsWith("EVENT_IGNORED", cancellation.LastError);
            Assert.Contains("nothing to void", cancellation.LastError);
        }

        Assert.Equal(2, world.Entities("Invoice").Count);
        var ledger = await world.LedgerAsync();
        Assert.Equal(
            Delivery.Amount(authorized["total_price"]) - refundAmount + Delivery.Amount(discounted["total_outstanding"]),
            ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(Delivery.Amount(discounted["total_price"]) - Delivery.Amount(discounted["total_outstanding"]), ledger["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task OrderCreatedThenCancelled_VoidsItsInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = Delivery.Fixture("shopify/order.rest-fixture.json");

        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/create"));
        order["cancelled_at"] = "2008-01-10T12:00:00-05:00";
        order["cancel_reason"] = "customer";
        order["financial_status"] = "voided";
        var cancel = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/cancelled"));

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        Assert.Equal(PayloadStatus.Succeeded, cancel.Status);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(0m, (decimal)invoice["TotalAmt"]!);
        Assert.Contains("Voided", (string?)invoice["PrivateNote"] ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        var ledger = await world.LedgerAsync();
        Assert.All(ledger.Values, balance => Assert.Equal(0m, balance));
    }

    [Theory, BothDatabases]
    public async Task OrderPaidInParts_EachPartIsAppliedToItsInvoice_Once(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = JsonNode.Parse(PipelineWorld.ShopifyOrder())!.AsObject();
        var total = Delivery.Amount(order["total_price"]);
        order["financial_status"] = "partially_paid";
        order["total_outstanding"] = "209.94";
        var deposit = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(total - 209.94m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);

        // orders/paid states what has been paid in all: the rest is a payment of its own, booked once however often it comes.
        order["financial_status"] = "paid";
        order["total_outstanding"] = "0.00";
        var paid = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/paid"));
        var again = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/paid"));

        Assert.All(new[] { deposit, paid, again }, outcome => Assert.Equal(PayloadStatus.Succeeded, outcome.Status));
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
        Assert.Equal([total - 209.94m, 209.94m], world.Entities("Payment").Select(payment => (decimal)payment["TotalAmt"]!).Order());
        Assert.All(world.Entities("Payment"), payment => Assert.Equal((string?)invoice["Id"], (string?)payment["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]));
        Assert.Equal(total, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task OrderEditedAfterItWasBooked_ItsInvoiceIsRevised_AndThePaymentCloses(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        // Three mugs at 12.00 on payment terms; edited down to two before the customer paid (Shopify's current_* totals).
        var order = JsonNode.Parse("""
            {
              "id": 5550004, "name": "#4002", "currency": "USD", "created_at": "2024-06-10T09:00:00-07:00",
              "financial_status": "pending", "test": false, "taxes_included": false,
              "subtotal_price": "36.00", "total_tax": "0.00", "total_price": "36.00",
              "current_subtotal_price": "36.00", "current_total_tax": "0.00", "current_total_price": "36.00",
              "total_outstanding": "36.00", "email": "mugs@example.com",
              "line_items": [
                { "id": 1, "name": "Mug", "title": "Mug", "price": "12.00", "quantity": 3, "current_quantity": 3, "taxable": true, "product_id": 90,
                  "discount_allocations": [], "tax_lines": [] }
              ],
              "shipping_lines": [], "tax_lines": [], "refunds": []
            }
            """)!.AsObject();
        var placed = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(36.00m, (decimal)Assert.Single(world.Entities("Invoice"))["TotalAmt"]!);

        order["line_items"]![0]!["current_quantity"] = 2;
        order["current_subtotal_price"] = "24.00";
        order["current_total_price"] = "24.00";
        order["total_outstanding"] = "24.00";
        var edited = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/updated"));
        var revised = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(24.00m, (decimal)revised["TotalAmt"]!);
        Assert.Equal(24.00m, (decimal)revised["Balance"]!);
        Assert.Contains("TOTAL_CHANGED", edited.Detail.ToString(), StringComparison.Ordinal);

        order["financial_status"] = "paid";
        order["total_outstanding"] = "0.00";
        var paid = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/paid"));

        Assert.All(new[] { placed, edited, paid }, outcome => Assert.Equal(PayloadStatus.Succeeded, outcome.Status));
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        Assert.Equal(24.00m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal(0m, ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(24.00m, ledger["Undeposited Funds"]);
        // The revision is the service's own: the ledger holds the new total, so no one's edit in QBO is reported.
        Assert.Equal(24.00m, (await world.Services.GetRequiredService<LedgerStore>()
            .ListByDocumentAsync(world.Organization.OrganizationId, "Invoice", (string)revised["Id"]!, default))[0].Total);
    }

    /// <summary>Only an edit the vendor reports revises an invoice: another total on a plain redelivery leaves it as booked.</summary>
    [Theory, BothDatabases]
    public async Task OrderDeliveredAgainWithAnotherTotal_NotAnEdit_LeavesItsInvoiceAsBooked(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = JsonNode.Parse(PipelineWorld.ShopifyOrder())!.AsObject();
        var total = Delivery.Amount(order["total_price"]);
        await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/create"));

        order["total_price"] = (total + 50m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var again = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/create"));

        Assert.Equal(PayloadStatus.Succeeded, again.Status);
        Assert.Equal(total, (decimal)Assert.Single(world.Entities("Invoice"))["TotalAmt"]!);
        Assert.DoesNotContain("TOTAL_CHANGED", again.Detail.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A USD shop's customer who paid in euros is refunded in euros; the order was booked in dollars, so the refund
    /// is booked in dollars at the rate the refund's own MoneyBags state.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundInTheCustomersCurrency_IsCreditedInTheShopsCurrency(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));
        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        foreach (var returned in refund["refund_line_items"]!.AsArray())
        {
            returned!["subtotal_set"] = JsonNode.Parse("""
                { "shop_money": { "amount": "199.00", "currency_code": "USD" }, "presentment_money": { "amount": "183.08", "currency_code": "EUR" } }
                """);
        }

        var transaction = refund["transactions"]![0]!;
        transaction["amount"] = "183.08";
        transaction["currency"] = "EUR";

        var booked = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic(TopicHeader, "refunds/create"));

        Assert.Equal(PayloadStatus.Succeeded, booked.Status);
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(199.00m, (decimal)credit["TotalAmt"]!);
        Assert.Equal((string?)Invoice(world, order)["CustomerRef"]!["value"], (string?)credit["CustomerRef"]!["value"]);
    }

    /// <summary>
    /// An order to a buyer abroad with 12.00 of import duties the shop itself collected (not through Managed Markets), paid:
    /// the duties are on the fees item. A refund of the order that gives the duties back too (the refund's <c>duties</c>)
    /// takes them off that item, not off the default item's income as money given back beyond the returned items.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundGivingBackDuties_TakesThemOffTheFeesItem(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = RetaxedOrder.Create(7931, "USD", 0.06m);
        var duties = JsonNode.Parse("""{ "shop_money": { "amount": "12.00", "currency_code": "USD" }, "presentment_money": { "amount": "12.00", "currency_code": "USD" } }""")!;
        (order["original_total_duties_set"], order["current_total_duties_set"]) = (duties.DeepClone(), duties.DeepClone());
        (order["total_price"], order["current_total_price"]) = ("250.47", "250.47");
        var sold = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "orders/create"));
        Assert.True(sold.Status == PayloadStatus.Succeeded, sold.ToString());
        var feesItem = (string?)Assert.Single(world.Entities("Item"), item => (string?)item["Name"] == "Fees")["Id"];

        var refund = CompanyRegimeBookingTests.Refund(order, 7932, 250.47m, ("224.97", "13.50"));
        refund["duties"] = new JsonArray(new JsonObject { ["duty_id"] = 79321, ["amount_set"] = duties.DeepClone() });
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic(TopicHeader, "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(250.47m, (decimal)receipt["TotalAmt"]!);
        var items = receipt["Line"]!.AsArray().Where(line => (string?)line!["DetailType"] == "SalesItemLineDetail")
            .Select(line => ((string?)line!["SalesItemLineDetail"]!["ItemRef"]!["value"], (decimal)line["Amount"]!)).ToList();
        Assert.Contains((feesItem, 12.00m), items);
        Assert.DoesNotContain(receipt["Line"]!.AsArray(), line => (string?)line!["Description"] == "Given back beyond the returned items");
        Assert.Equal(0m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task RefundBeforeItsOrder_WaitsForIt_ThenIsBooked(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");

        var refund = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", Delivery.Topic(TopicHeader, "refunds/create"));
        Assert.Equal(PayloadStatus.WaitingDependency, refund.Status);
        Assert.Contains("450789469", refund.LastError);

        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        var booked = await world.SettledAsync(refund.PayloadId, PayloadStatus.Succeeded);

        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(booked.DocumentId, (string?)credit["Id"]);
    }

    [Theory, BothDatabases]
    public async Task OrderBooked_WakesTheRefundsWaitingForIt_AndNotThoseWaitingForAnotherOrder(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        // The entry parked as before entries said which sale they wait for: any sale wakes it, as every sale did then.
        var (ours, other, parkedBefore) = await ParkRefundsAsync(world, database);

        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        var booked = await world.SettledAsync(ours.PayloadId, PayloadStatus.Succeeded);
        Assert.Equal(booked.DocumentId, (string?)Assert.Single(world.Entities("CreditMemo"))["Id"]);
        await Eventually.GetAsync(() => AttemptsAsync(database, parkedBefore.PayloadId), n => n == 2);

        // The refund of another order was not woken: one attempt, still waiting for its own order.
        Assert.Equal(1, await AttemptsAsync(database, other.PayloadId));
        Assert.Equal(PayloadStatus.WaitingDependency, (await world.SettledAsync(other.PayloadId)).Status);
        Assert.Equal(PayloadStatus.WaitingDependency, (await world.SettledAsync(parkedBefore.PayloadId)).Status);
    }

    [Theory, BothDatabases]
    public async Task OrderBookedWhileItsRefundParks_WakesTheRefundAtOnce(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(PayloadStatus.Succeeded, sale.Status);

        // The refund's attempt finds no sale; the sale's ledger link commits in the transaction that parks the refund.
        // To the refund, the order was booked (and its wake-up found nothing parked yet) between its look-up and parking.
        await using var lateSale = await SaleCommittedWhileParkingAsync(database, world.Organization.OrganizationId);
        var refund = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", Delivery.Topic(TopicHeader, "refunds/create"));

        // Woken at once, not at its time limit a day later: the clock stands all but still.
        var booked = await world.SettledAsync(refund.PayloadId, PayloadStatus.Succeeded);
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(booked.DocumentId, (string?)credit["Id"]);
        Assert.Equal(1, await Sql.CountAsync(database.Database,
            "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @PayloadId AND status = @Waiting",
            new { refund.PayloadId, Waiting = PayloadStatus.WaitingDependency }));
    }

    [Theory, BothDatabases]
    public async Task OrderBooked_WhenWakingItsWaitingRefundFails_StaysBooked_AndTheSweepWakesTheRefund(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(database, "shopify", overrides: logs.Install);
        var (refund, other, parkedBefore) = await ParkRefundsAsync(world, database);

        // The order's outcome commits; waking the refunds after it fails (the database refuses the move).
        Delivered sale;
        await using (await TestTrigger.RefuseQueueMoveAsync(database, world.Organization.OrganizationId, PayloadStatus.WaitingDependency, PayloadStatus.Queued))
        {
            sale = await world.DeliverWhileItsWakeUpFailsAsync(logs, File.ReadAllText(Fixtures.Path("shopify/order.rest-fixture.json")),
                Delivery.Topic(TopicHeader, "orders/create"));
            // Read while the move is still refused: the clock moves while the delivery waits, and a sweep could wake it after.
            Assert.Equal(PayloadStatus.WaitingDependency, await QueueStatusAsync(database, refund.PayloadId));
        }

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);

        // Nothing is lost, and the refund does not sleep until its time limit a day later: the next sweep finds its
        // order in the ledger and wakes it.
        world.Clock.Advance(WaitingPayloadsSweep.Interval);
        var booked = await world.SettledAsync(refund.PayloadId, PayloadStatus.Succeeded);
        Assert.Equal(booked.DocumentId, (string?)Assert.Single(world.Entities("CreditMemo"))["Id"]);
        await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client), s => s.Value("ai_sweeps_recovered_total", ("what", "waiting_sale")) >= 1);

        // The sweep wakes only what its sale lets through: the refund of an order never booked, and the entry that does
        // not say what it waits for, stay parked (the same round would have moved them with the refund).
        Assert.Equal(PayloadStatus.WaitingDependency, await QueueStatusAsync(database, other.PayloadId));
        Assert.Equal(PayloadStatus.WaitingDependency, await QueueStatusAsync(database, parkedBefore.PayloadId));
        Assert.Equal(1, await AttemptsAsync(database, other.PayloadId));

        // Nor does the refund's own booking wake the entry that names nothing: it waits for a sale, and a refund booked is
        // none (it was woken, tried again and parked again, a second attempt for nothing).
        await Eventually.GetAsync(() => Sql.CountAsync(database.Database,
            "SELECT COUNT(*) FROM webhook_queue WHERE organization_id = @OrganizationId AND status IN (@Queued, @Processing)",
            new { world.Organization.OrganizationId, Queued = PayloadStatus.Queued, Processing = PayloadStatus.Processing }), busy => busy == 0);
        Assert.Equal((PayloadStatus.WaitingDependency, 1L), (await QueueStatusAsync(database, parkedBefore.PayloadId), await AttemptsAsync(database, parkedBefore.PayloadId)));

        // Everything has settled since: the booked order stood all along, its one attempt not turned into a failed one
        // and tried again.
        Assert.Equal([PayloadStatus.Succeeded], await database.Database.QueryListAsync<string>(
            "SELECT status FROM sync_logs WHERE payload_id = @PayloadId", new { sale.PayloadId }, default));
    }

    /// <summary>
    /// Parks three refunds: Shopify's sample, of the order the sample order books; one of an order never booked; and one
    /// of another such order whose queue entry does not say what it waits for, as entries parked before M0021.
    /// </summary>
    private static async Task<(Delivered Ours, Delivered Other, Delivered ParkedBefore)> ParkRefundsAsync(PipelineWorld world, TestDatabase database)
    {
        var refunds = Delivery.Topic(TopicHeader, "refunds/create");
        var ours = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", refunds);
        var other = await world.DeliverAsync(RefundOfAnotherOrder(509562970, 990000001).ToJsonString(), refunds);
        var parkedBefore = await world.DeliverAsync(RefundOfAnotherOrder(509562971, 990000002).ToJsonString(), refunds);
        Assert.All([ours, other, parkedBefore], refund => Assert.Equal(PayloadStatus.WaitingDependency, refund.Status));
        await Sql.ScalarAsync<int>(database.Database, "UPDATE webhook_queue SET waiting_for = NULL WHERE payload_id = @PayloadId", new { parkedBefore.PayloadId });
        return (ours, other, parkedBefore);
    }

    /// <summary>Shopify's refund sample, as a refund of another order, with its own refund id.</summary>
    internal static JsonObject RefundOfAnotherOrder(long refundId, long orderId)
    {
        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["id"] = refundId;
        refund["order_id"] = orderId;
        return refund;
    }

    private static Task<string?> QueueStatusAsync(TestDatabase database, string payloadId) =>
        Sql.ScalarAsync<string>(database.Database, "SELECT status FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    private static Task<long> AttemptsAsync(TestDatabase database, string payloadId) =>
        Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    private static JsonObject Invoice(PipelineWorld world, Delivered delivered)
    {
        Assert.True(delivered.Status == PayloadStatus.Succeeded, delivered.ToString());
        return Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == delivered.DocumentId);
    }

    /// <summary>
    /// Holds the organization's ledger links aside and puts them back when one of its queue entries parks to wait for
    /// its sale, inside the parking transaction.
    /// </summary>
    private static async Task<TestTrigger> SaleCommittedWhileParkingAsync(TestDatabase database, string organizationId)
    {
        var name = TestTrigger.NewName("sale_while_parking");
        var org = Guid.Parse(organizationId).ToString();
        await database.Database.ExecuteAsync($"CREATE TABLE {name} AS SELECT * FROM ledger_links WHERE organization_id = '{org}'", null, default);
        await database.Database.ExecuteAsync($"DELETE FROM ledger_links WHERE organization_id = '{org}'", null, default);
        var restore = $"INSERT INTO ledger_links SELECT * FROM {name}; DELETE FROM {name};";
        return await TestTrigger.InstallAsync(database, name, "AFTER UPDATE ON webhook_queue",
            $"NEW.status = '{PayloadStatus.WaitingDependency}' AND NEW.organization_id = '{org}'", restore, restore);
    }
}
