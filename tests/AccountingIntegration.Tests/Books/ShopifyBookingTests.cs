using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using Dapper;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every Shopify fixture, end to end against the sandbox (the demo company: US dollars, no sales tax kept, so the
/// order's tax is a line on the tax liability), with the X-Shopify-Topic each is delivered under. Expected values come
/// from the fixtures' own total fields.
/// </summary>
public sealed class ShopifyBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string TopicHeader = "X-Shopify-Topic";

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

        // Shopify's own samples are of an order that was cancelled (voided) and never booked: they wait for a sale
        // to void, and when none comes within the limit there is nothing to undo.
        var created = await world.DeliverFixtureAsync("shopify/orders-create.json", Delivery.Topic(TopicHeader, "orders/create"));
        var cancelled = await world.DeliverFixtureAsync("shopify/orders-cancelled.json", Delivery.Topic(TopicHeader, "orders/cancelled"));
        Assert.Equal(PayloadStatus.WaitingDependency, created.Status);
        Assert.Equal(PayloadStatus.WaitingDependency, cancelled.Status);
        world.Clock.Advance(TimeSpan.FromHours(25));
        Assert.StartsWith("EVENT_IGNORED", (await world.SettledAsync(created.PayloadId, PayloadStatus.Skipped)).LastError);
        Assert.StartsWith("EVENT_IGNORED", (await world.SettledAsync(cancelled.PayloadId, PayloadStatus.Skipped)).LastError);

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
    public async Task OrderBookedWhileItsRefundParks_WakesTheRefundAtOnce(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));
        Assert.Equal(PayloadStatus.Succeeded, sale.Status);

        // The refund's attempt finds no sale; the sale's ledger link commits in the transaction that parks the refund.
        // To the refund, the order was booked (and its wake-up found nothing parked yet) between its look-up and parking.
        await using var lateSale = await SaleCommittedWhileParking.InstallAsync(database, world.Organization.OrganizationId);
        var refund = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", Delivery.Topic(TopicHeader, "refunds/create"));

        // Woken at once, not at its time limit a day later: the clock stands all but still.
        var booked = await world.SettledAsync(refund.PayloadId, PayloadStatus.Succeeded);
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(booked.DocumentId, (string?)credit["Id"]);
        Assert.Equal(1, await Sql.CountAsync(database.Database,
            "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @PayloadId AND status = @Waiting",
            new { refund.PayloadId, Waiting = PayloadStatus.WaitingDependency }));
    }

    private static JsonObject Invoice(PipelineWorld world, Delivered delivered)
    {
        Assert.True(delivered.Status == PayloadStatus.Succeeded, delivered.ToString());
        return Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == delivered.DocumentId);
    }

    /// <summary>
    /// Holds the organization's ledger links aside and puts them back from a trigger on the queue entry's move to
    /// waiting_dependency, inside the parking transaction.
    /// </summary>
    private sealed class SaleCommittedWhileParking : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly string _name;

        private SaleCommittedWhileParking(TestDatabase database, string name)
        {
            _database = database;
            _name = name;
        }

        public static async Task<SaleCommittedWhileParking> InstallAsync(TestDatabase database, string organizationId)
        {
            // The organization id is a generated GUID, safe inside the trigger's text; each test has its own names.
            var name = "sale_while_parking_" + Guid.NewGuid().ToString("N")[..12];
            var org = Guid.Parse(organizationId).ToString();
            var restore = $"INSERT INTO ledger_links SELECT * FROM {name}; DELETE FROM {name};";
            var trigger = database.Kind == DatabaseKind.Sqlite
                ? $"""
                  CREATE TRIGGER {name} AFTER UPDATE OF status ON webhook_queue
                  WHEN NEW.status = 'waiting_dependency' AND NEW.organization_id = '{org}'
                  BEGIN {restore} END
                  """
                : $"""
                  CREATE TRIGGER {name} AFTER UPDATE ON webhook_queue FOR EACH ROW
                  BEGIN
                    IF NEW.status = 'waiting_dependency' AND NEW.organization_id = '{org}' THEN {restore} END IF;
                  END
                  """;
            await using var connection = await database.Database.OpenAsync();
            await connection.ExecuteAsync($"CREATE TABLE {name} AS SELECT * FROM ledger_links WHERE organization_id = '{org}'");
            await connection.ExecuteAsync($"DELETE FROM ledger_links WHERE organization_id = '{org}'");
            await connection.ExecuteAsync(trigger);
            return new SaleCommittedWhileParking(database, name);
        }

        public async ValueTask DisposeAsync()
        {
            await using var connection = await _database.Database.OpenAsync();
            await connection.ExecuteAsync($"DROP TRIGGER IF EXISTS {_name}");
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {_name}");
        }
    }
}
