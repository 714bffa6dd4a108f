using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every WooCommerce fixture, end to end against the sandbox, with the X-WC-Webhook-Topic each is delivered under.
/// Expected values come from the fixtures' own total fields.
/// </summary>
public sealed class WooCommerceBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string TopicHeader = "X-WC-Webhook-Topic";

    [Theory, BothDatabases]
    public async Task EveryFixture_BooksPaidOrdersAndEachRefundOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce");
        var rest = Delivery.Fixture("woocommerce/order.created.json");
        var legacy = Delivery.Fixture("woocommerce/order.created.legacy-v3.json")["order"]!;
        var updated = Delivery.Fixture("woocommerce/order.updated.json");

        // Processing orders are paid (WooCommerce's paid statuses): an invoice with its payment, nothing owed.
        foreach (var (fixture, total) in new[]
                 {
                     ("woocommerce/order.created.json", Delivery.Amount(rest["total"])),
                     ("woocommerce/order.created.legacy-v3.json", Delivery.Amount(legacy["total"])),
                 })
        {
            var sale = await world.DeliverFixtureAsync(fixture, Delivery.Topic(TopicHeader, "order.created"));
            Assert.True(sale.Status == PayloadStatus.Succeeded, $"{fixture}: {sale}");
            var invoice = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == sale.DocumentId);
            Assert.Equal(total, (decimal)invoice["TotalAmt"]!);
            Assert.Equal(0m, (decimal)invoice["Balance"]!);
        }

        // order.updated of order 723, whose order.created never came: the order is booked, then each listed refund.
        var refunds = updated["refunds"]!.AsArray().Select(r => -Delivery.Amount(r!["total"])).ToList();
        var update = await world.DeliverFixtureAsync("woocommerce/order.updated.json", Delivery.Topic(TopicHeader, "order.updated"));
        Assert.True(update.Status == PayloadStatus.Succeeded, update.ToString());
        Assert.Single(world.Entities("Invoice"), i => (decimal)i["TotalAmt"]! == Delivery.Amount(updated["total"]) && (decimal)i["Balance"]! == 0m);
        Assert.Equal(refunds.Order(), world.Entities("RefundReceipt").Select(r => (decimal)r["TotalAmt"]!).Order());

        // The refund object of one of those refunds (724) books nothing more.
        var refundObject = await world.DeliverFixtureAsync("woocommerce/order-refund.rest-docs.json", Delivery.Topic(TopicHeader, "order.updated"));
        Assert.True(refundObject.Status == PayloadStatus.Succeeded, refundObject.ToString());
        Assert.Equal(refunds.Count, world.Entities("RefundReceipt").Count);

        var ledger = await world.LedgerAsync();
        Assert.Equal(0m, ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(
            Delivery.Amount(rest["total"]) + Delivery.Amount(legacy["total"]) + Delivery.Amount(updated["total"]) - refunds.Sum(),
            ledger["Undeposited Funds"]);
    }

    /// <summary>
    /// An on-hold order edited in the admin (one more of its 12.00 shirt) arrives as order.updated with its new lines and
    /// total: the booked invoice is revised to them. A status change that leaves the total as it was revises nothing.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderEditedInTheAdmin_ItsInvoiceIsRevised_AndAStatusChangeLeavesItAsIs(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce");
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["status"] = "on-hold";
        var created = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));
        Assert.Equal(29.35m, (decimal)Assert.Single(world.Entities("Invoice"))["TotalAmt"]!);

        AddASecondShirt(order);
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var preview = await BookingPreviewTests.PreviewAsync(admin, world, order, new Dictionary<string, string> { [TopicHeader] = "order.updated" });
        var edited = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));

        Assert.Equal(PayloadStatus.Succeeded, edited.Status);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((created.DocumentId, 42.25m, 42.25m), ((string?)invoice["Id"], (decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        Assert.Contains("TOTAL_CHANGED", edited.Detail.ToString(), StringComparison.Ordinal);

        order["status"] = "processing";
        var paid = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));

        Assert.Equal(PayloadStatus.Succeeded, paid.Status);
        Assert.DoesNotContain("TOTAL_CHANGED", paid.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        Assert.Equal(42.25m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);
    }

    /// <summary>
    /// A paid (processing) order edited in the admin, one more 12.00 shirt: the invoice is revised to 42.25, but nobody was
    /// charged the 12.90 more (WooCommerce keeps the order paid and its date_paid as it was), so it is left owing rather
    /// than booked as money received.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaidOrderEditedInTheAdmin_LeavesTheDifferenceOwing_NotPaid(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce");
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["status"] = "processing";
        var created = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));
        Assert.True(created.Status == PayloadStatus.Succeeded, created.ToString());
        Assert.Equal(29.35m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);

        AddASecondShirt(order);
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var preview = await BookingPreviewTests.PreviewAsync(admin, world, order, new Dictionary<string, string> { [TopicHeader] = "order.updated" });
        var edited = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));

        Assert.True(edited.Status == PayloadStatus.Succeeded, edited.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((42.25m, 12.90m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        Assert.Equal(29.35m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);
        Assert.Contains("OWED_SINCE", edited.Detail.ToString(), StringComparison.Ordinal);
        // The preview said so before: the invoice and its payment found booked, no payment of the difference.
        Assert.Equal(["Invoice", "Payment"], preview.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("bookedAs").GetString()!.Split(' ')[0]));
        Assert.Contains(preview.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("OWED_SINCE: the sale now totals 42.25", StringComparison.Ordinal));
        var ledger = await world.LedgerAsync();
        Assert.Equal((29.35m, 12.90m), (ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));
    }

    /// <summary>
    /// The paid order edited to owe 12.90 more is cancelled two weeks later: what it still owed is credited off A/R on the
    /// day it was cancelled (its last change, <c>date_modified</c>), not on the day it was sold, whose period may be closed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaidOrderStillOwingCancelled_IsCreditedOnTheDayOfTheCancellation(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce");
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["status"] = "processing";
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"))).Status);
        AddASecondShirt(order);
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"))).Status);

        (order["status"], order["date_modified"], order["date_modified_gmt"]) = ("cancelled", "2017-04-05T20:15:00", "2017-04-05T23:15:00");
        var cancelled = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));

        Assert.True(cancelled.Status == PayloadStatus.Succeeded, cancelled.ToString());
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((12.90m, "2017-04-05"), ((decimal)credit["TotalAmt"]!, (string?)credit["TxnDate"]));
        Assert.Equal("2017-03-22", (string?)Assert.Single(world.Entities("Invoice"))["TxnDate"]);
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
    }

    /// <summary>
    /// An invoice QBO totals otherwise than the order (the company turned automated sales tax on since the service last
    /// read its tax settings, so QBO taxes at 8.25 % what the order taxed at 8 %: <c>TOTAL_DIFFERS</c>) is not revised by
    /// an order.updated that states the total it was booked from.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoiceQboTotalsItsOwnWay_IsNotRevisedByAnUpdateOfTheSameTotal(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce",
            company: new QboSandbox.State.CompanySettings { SalesTaxEnabled = true, AutomatedSalesTax = false });
        var first = await world.DeliverAsync(TaxedAtEightPercent(1001, "processing").ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));
        Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
        world.Connect.Sandbox.State.UpdateCompanySettings(world.RealmId, new QboSandbox.State.CompanySettings { AutomatedSalesTax = true });

        var order = TaxedAtEightPercent(1002, "on-hold");
        var created = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));
        Assert.True(created.Status == PayloadStatus.Succeeded, created.ToString());
        Assert.Contains("TOTAL_DIFFERS", created.Detail.ToString(), StringComparison.Ordinal);
        var booked = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == created.DocumentId);

        order["customer_note"] = "Leave it at the door";
        var noted = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));

        Assert.Equal(PayloadStatus.Succeeded, noted.Status);
        Assert.DoesNotContain("TOTAL_CHANGED", noted.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal((string?)booked["SyncToken"], (string?)Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == created.DocumentId)["SyncToken"]);
    }

    /// <summary>
    /// A UK shop's order whose shipping (4.17, VAT 0.83) and gift-wrap fee (0.83, VAT 0.17) are £5.00 and £1.00 with VAT:
    /// their rounded amounts work out at 19.9 % and 20.5 %, but each names the 20 % rate it was taxed at, so each is booked
    /// at the company's 20 % code, and the company owes exactly the order's VAT.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShippingAndFeesTaxedAtAStatedRate_AreBookedAtThatRate_NotOneWorkedOutFromRoundedAmounts(DatabaseKind kind)
    {
        await using var world = await StartInAsync(kind, "GB");
        var order = OrderIn("GBP");
        order["line_items"]!.AsArray().RemoveAt(0);
        Restate(order["line_items"]![0]!, "20.83", "4.17");
        TaxAtTwentyPercent(order, ("4.17", "0.83"), cartTax: "4.34", total: "31.00");
        order["fee_lines"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = 319, ["name"] = "Gift wrap", ["tax_status"] = "taxable", ["total"] = "0.83", ["total_tax"] = "0.17", ["taxes"] = TaxedAtRate75("0.17"),
        });

        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((31.00m, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        var codes = invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => (string?)l!["SalesItemLineDetail"]!["TaxCodeRef"]?["value"]).Distinct().ToList();
        Assert.Single(codes);
        Assert.Equal(5.17m, (await world.LedgerAsync())["VAT Control"]);
    }

    /// <summary>
    /// Two tea towels at 1.03 taxed at 20 %, whose 0.41 of VAT the shop split 0.20 and 0.21 over them. QBO taxes each line
    /// at 0.21, so a rounding line keeps the invoice at the order's total, and the sync log says that the VAT QBO
    /// carries is not the order's.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderWhoseTaxQboRoundsOtherwise_IsBookedToItsTotal_AndTheTaxDifferenceIsNoted(DatabaseKind kind)
    {
        await using var world = await StartInAsync(kind, "GB");
        var order = OrderIn("GBP");
        Restate(order["line_items"]![0]!, "1.03", "0.20");
        Restate(order["line_items"]![1]!, "1.03", "0.21");
        order["line_items"]![0]!["quantity"] = 1;
        TaxAtTwentyPercent(order, ("0.00", "0.00"), cartTax: "0.41", total: "2.47");
        order["shipping_lines"] = new System.Text.Json.Nodes.JsonArray();

        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((2.47m, 0.42m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Contains($"TAX_DIFFERS: QBO's Invoice {sale.DocumentId} carries 0.42 of tax but the source says 0.41.", sale.Detail.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A UK shop's towel at 20 % and a book of WooCommerce's zero-rate class, which names its 0 % tax rate. The book is a
    /// zero-rated sale, which the VAT return counts (box 6): it takes the company's zero-rated code ("0.0% Z"), not the
    /// out-of-scope "No VAT" of untaxed lines, which leaves a sale off the return.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ZeroRatedLine_TakesTheZeroRatedCode_NotTheOutOfScopeOne(DatabaseKind kind)
    {
        await using var world = await StartInAsync(kind, "GB");
        var order = OrderIn("GBP");
        Restate(order["line_items"]![0]!, "20.00", "4.00");
        Restate(order["line_items"]![1]!, "10.00", "0.00");
        order["line_items"]![1]!["tax_class"] = "zero-rate";
        order["line_items"]![1]!["taxes"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = 76, ["total"] = "0.00", ["subtotal"] = "0.00" });
        TaxAtTwentyPercent(order, ("5.00", "1.00"), cartTax: "4.00", total: "40.00");
        order["tax_lines"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = 319, ["rate_code"] = "GB-ZERO RATE-1", ["rate_id"] = 76, ["label"] = "Zero Rate", ["compound"] = false,
            ["tax_total"] = "0.00", ["shipping_tax_total"] = "0.00", ["rate_percent"] = 0,
        });

        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var codes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        var invoice = Assert.Single(world.Entities("Invoice"));
        // The towel, the book, then the shipping.
        var byLine = invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => codes[(string)l!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!]).ToList();
        Assert.Equal(["20.0% S", "0.0% Z", "20.0% S"], byLine);
        Assert.Equal(40.00m, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(5.00m, (await world.LedgerAsync())["VAT Control"]);
    }

    /// <summary>
    /// WooCommerce lists a refund by its id and total only. A paid order (two towels taxed at 20 %, an untaxed book,
    /// taxed shipping) refunded in two parts is booked as each refund's share of the order's lines, shipping and tax: the
    /// tax goes back with the money, and once the refunds come to the order's total nothing of it is owed or earned.
    /// </summary>
    [Theory, BothDatabases]
    public Task RefundsStatingOnlyTheirTotal_GiveBackTheirShareOfTheTax_UnitedKingdom(DatabaseKind kind) =>
        RefundInTwoPartsAsync(kind, "GB", "GBP", "VAT Control");

    /// <summary>The same refunds in a US company with sales tax off, where the tax is a line owed to the tax agency.</summary>
    [Theory, BothDatabases]
    public Task RefundsStatingOnlyTheirTotal_GiveBackTheirShareOfTheTax_UnitedStates(DatabaseKind kind) =>
        RefundInTwoPartsAsync(kind, "US", "USD", "Sales Tax Payable");

    private async Task RefundInTwoPartsAsync(DatabaseKind kind, string country, string currency, string taxAccount)
    {
        await using var world = await StartInAsync(kind, country);
        var order = OrderIn(currency);
        Restate(order["line_items"]![0]!, "20.00", "4.00");
        Restate(order["line_items"]![1]!, "10.00", "0.00");
        TaxAtTwentyPercent(order, ("5.00", "1.00"), cartTax: "4.00", total: "40.00");
        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.created"));
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(5.00m, (await world.LedgerAsync())[taxAccount]);

        order["refunds"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = 801, ["reason"] = "One towel", ["total"] = "-11.57" });
        order["date_modified"] = "2017-03-23T10:00:00";
        var part = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));
        Assert.True(part.Status == PayloadStatus.Succeeded, part.ToString());
        Assert.Contains("Refund 801 states only its amount (11.57 of a 40.00 sale)", part.Detail.ToString(), StringComparison.Ordinal);
        var first = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(11.57m, (decimal)first["TotalAmt"]!);
        // 11.57 of 40.00: 1.45 of the 5.00 tax went back with it.
        Assert.Equal(3.55m, (await world.LedgerAsync())[taxAccount]);

        order["status"] = "refunded";
        order["refunds"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject { ["id"] = 802, ["reason"] = "The rest", ["total"] = "-28.43" });
        order["date_modified"] = "2017-03-24T10:00:00";
        var rest = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(TopicHeader, "order.updated"));
        Assert.True(rest.Status == PayloadStatus.Succeeded, rest.ToString());

        Assert.Equal([11.57m, 28.43m], world.Entities("RefundReceipt").Select(r => (decimal)r["TotalAmt"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal(0m, ledger[taxAccount]);
        Assert.Equal(0m, ledger["Undeposited Funds"]);
        Assert.Equal(0m, ledger["Services"]);
    }

    /// <summary>The fixture order as an admin edits it: one more of its 12.00 shirt, 0.90 of tax on it, 42.25 in all.</summary>
    private static void AddASecondShirt(System.Text.Json.Nodes.JsonNode order)
    {
        var shirt = order["line_items"]![1]!;
        shirt["quantity"] = 2;
        foreach (var (field, value) in new[] { ("subtotal", "24.00"), ("total", "24.00"), ("subtotal_tax", "1.80"), ("total_tax", "1.80") })
        {
            shirt[field] = value;
        }

        shirt["taxes"]![0]!["total"] = "1.8";
        shirt["taxes"]![0]!["subtotal"] = "1.8";
        order["tax_lines"]![0]!["tax_total"] = "2.25";
        order["cart_tax"] = "2.25";
        order["total_tax"] = "2.25";
        order["total"] = "42.25";
    }

    /// <summary>A WooCommerce source whose company is in <paramref name="country"/>.</summary>
    private async Task<PipelineWorld> StartInAsync(DatabaseKind kind, string country) =>
        await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce", company: new QboSandbox.State.CompanySettings { Country = country });

    /// <summary>The fixture's order, in <paramref name="currency"/>.</summary>
    private static System.Text.Json.Nodes.JsonNode OrderIn(string currency)
    {
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["currency"] = currency;
        return order;
    }

    /// <summary>A line item restated at a net amount and its tax, both before and after discounts, taxed by the fixture's rate 75 (none when untaxed).</summary>
    private static void Restate(System.Text.Json.Nodes.JsonNode line, string net, string tax)
    {
        foreach (var (field, value) in new[] { ("subtotal", net), ("total", net), ("subtotal_tax", tax), ("total_tax", tax) })
        {
            line[field] = value;
        }

        line["taxes"] = tax == "0.00" ? new System.Text.Json.Nodes.JsonArray() : TaxedAtRate75(tax);
    }

    /// <summary>The order taxed at 20 % (its tax line of <c>rate_id</c> 75): its shipping at a net amount and tax, and its tax and total.</summary>
    private static void TaxAtTwentyPercent(System.Text.Json.Nodes.JsonNode order, (string Net, string Tax) shipping, string cartTax, string total)
    {
        var line = order["shipping_lines"]![0]!;
        (line["total"], line["total_tax"], line["taxes"]) = (shipping.Net, shipping.Tax, TaxedAtRate75(shipping.Tax));
        order["tax_lines"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = 318, ["rate_code"] = "VAT-1", ["rate_id"] = 75, ["label"] = "VAT", ["compound"] = false,
            ["tax_total"] = cartTax, ["shipping_tax_total"] = shipping.Tax, ["rate_percent"] = 20,
        });
        var totalTax = (Delivery.Amount(cartTax) + Delivery.Amount(shipping.Tax)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        (order["shipping_total"], order["shipping_tax"], order["cart_tax"], order["total_tax"], order["total"]) = (shipping.Net, shipping.Tax, cartTax, totalTax, total);
    }

    /// <summary>A line's <c>taxes</c>: the amount taxed by the order's tax line of <c>rate_id</c> 75.</summary>
    private static System.Text.Json.Nodes.JsonArray TaxedAtRate75(string amount) =>
        new(new System.Text.Json.Nodes.JsonObject { ["id"] = 75, ["total"] = amount, ["subtotal"] = amount });

    /// <summary>The fixture's order with its lines taxed at California's 8 %: 6.00 and 12.00, 1.44 tax, 10.00 shipping.</summary>
    private static System.Text.Json.Nodes.JsonNode TaxedAtEightPercent(int id, string status)
    {
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["id"] = id;
        order["number"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        order["status"] = status;
        foreach (var (line, tax) in new[] { (order["line_items"]![0]!, "0.48"), (order["line_items"]![1]!, "0.96") })
        {
            line["subtotal_tax"] = tax;
            line["total_tax"] = tax;
            line["taxes"]![0]!["total"] = tax;
            line["taxes"]![0]!["subtotal"] = tax;
        }

        order["tax_lines"]![0]!["tax_total"] = "1.44";
        order["cart_tax"] = "1.44";
        order["total_tax"] = "1.44";
        order["total"] = "29.44";
        return order;
    }
}
