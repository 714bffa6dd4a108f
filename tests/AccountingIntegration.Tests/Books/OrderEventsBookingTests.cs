using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Our own order events (source type <c>orders</c>) end to end against the sandbox: an in-house app's order, its payments,
/// a refund and a cancellation, booked with their tax, shipping and discounts like a vendor's.
/// </summary>
public sealed class OrderEventsBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>A UK order: mugs (2 × 10.00 less 2.00) and tea (5.00), each at 20 % VAT, and shipping at 20 %; 32.40 in all.</summary>
    private static JsonObject UkOrder(string type, string eventId) => JsonNode.Parse($$"""
        {
          "id": "{{eventId}}",
          "type": "{{type}}",
          "occurredAt": "2026-03-02T10:00:00Z",
          "order": {
            "id": "ord_1001",
            "number": "1001",
            "date": "2026-03-01",
            "currency": "GBP",
            "customer": { "name": "Jo Bloggs", "email": "jo@example.com" },
            "lines": [
              { "sku": "MUG", "description": "Mug", "quantity": 2, "unitPrice": "10.00", "discount": "2.00", "tax": "3.60", "taxPercent": 20 },
              { "sku": "TEA", "description": "Tea", "quantity": 1, "unitPrice": "5.00", "tax": "1.00", "taxPercent": 20 }
            ],
            "shipping": [ { "description": "Royal Mail", "amount": "4.00", "tax": "0.80", "taxPercent": 20 } ],
            "total": "32.40"
          }
        }
        """)!.AsObject();

    private static string Event(string json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>The UK order placed unpaid (event evt_{n}), then 12.40 of it received as payment.received (evt_{n}b, pay_{n}).</summary>
    private static async Task PlacedAndPartPaidAsync(PipelineWorld world, string n)
    {
        var placed = await world.DeliverAsync(UkOrder("order.created", $"evt_{n}").ToJsonString());
        Assert.True(placed.Status == PayloadStatus.Succeeded, placed.ToString());
        var part = await world.DeliverAsync(Event($$"""
            { "id": "evt_{{n}}b", "type": "payment.received", "order": { "id": "ord_1001", "currency": "GBP" },
              "payment": { "id": "pay_{{n}}", "amount": "12.40", "date": "2026-03-03" } }
            """));
        Assert.True(part.Status == PayloadStatus.Succeeded, part.ToString());
    }

    /// <summary>The UK order (<see cref="UkOrder"/>) paid, its mugs' line with the id <c>l1</c>.</summary>
    private async Task<PipelineWorld> PaidWithTheMugsLineAsync(DatabaseKind kind, string eventId)
    {
        var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        var order = UkOrder("order.paid", eventId);
        order["order"]!["lines"]![0]!["id"] = "l1";
        var paid = await world.DeliverAsync(order.ToJsonString());
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());
        return world;
    }

    /// <summary>A refund (evt_r{n}, re_{n}) of <paramref name="amount"/> whose one line names the order's line <paramref name="lineId"/> alone.</summary>
    private static Task<Delivered> ReturnLineAsync(PipelineWorld world, string n, string lineId, string amount) =>
        world.DeliverAsync(Event($$"""
            { "id": "evt_r{{n}}", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_{{n}}", "amount": "{{amount}}", "date": "2026-03-09", "lines": [ { "lineId": "{{lineId}}", "amount": "{{amount}}" } ] } }
            """));

    /// <summary>
    /// An order placed unpaid, paid in two parts (a payment, then the order marked paid), and the tea returned: the invoice
    /// carries the VAT at 20 % on every line, the payments settle it exactly, and the refund takes the tea's VAT back off.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UkOrder_PlacedPaidInPartsAndPartlyRefunded_IsBookedWithItsVat(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });

        var placed = await world.DeliverAsync(UkOrder("order.created", "evt_1").ToJsonString());
        Assert.True(placed.Status == PayloadStatus.Succeeded, placed.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["20.0% S", "20.0% S", "20.0% S"], CompanyRegimeBookingTests.CodesOf(invoice, taxCodes));
        Assert.Equal(32.40m, (decimal)invoice["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((32.40m, 5.40m), (ledger["Accounts Receivable (A/R)"], ledger["VAT Control"]));

        var part = await world.DeliverAsync(Event("""
            { "id": "evt_2", "type": "payment.received", "order": { "id": "ord_1001", "currency": "GBP" },
              "payment": { "id": "pay_1", "amount": "12.40", "date": "2026-03-03", "method": "bank transfer" } }
            """));
        Assert.True(part.Status == PayloadStatus.Succeeded, part.ToString());
        Assert.Equal(20.00m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);

        var paid = await world.DeliverAsync(UkOrder("order.paid", "evt_3").ToJsonString());
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());
        Assert.Equal([12.40m, 20.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        ledger = await world.LedgerAsync();
        Assert.Equal((0m, 32.40m), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"]));

        var refund = Event("""
            { "id": "evt_4", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_1", "amount": "6.00", "date": "2026-03-09", "reason": "Damaged",
                          "lines": [ { "sku": "TEA", "description": "Tea", "amount": "5.00", "tax": "1.00", "taxPercent": 20 } ] } }
            """);
        var refunded = await world.DeliverAsync(refund);
        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(6.00m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(["20.0% S"], CompanyRegimeBookingTests.CodesOf(receipt, taxCodes));
        ledger = await world.LedgerAsync();
        Assert.Equal((4.40m, 26.40m), (ledger["VAT Control"], ledger["Undeposited Funds"]));

        // The same refund sent again, as a new event: booked once, by its id.
        var again = await world.DeliverAsync(refund.Replace("evt_4", "evt_5", StringComparison.Ordinal));
        Assert.True(again.Status is PayloadStatus.Succeeded or PayloadStatus.Skipped, again.ToString());
        Assert.Single(world.Entities("RefundReceipt"));
    }

    /// <summary>
    /// A UK order of mugs at 20 % VAT and a book, zero-rated, paid; then the book returned, its refund line naming the
    /// order's line by id alone. It goes back on the book's item at the zero-rated code, so the VAT charged stays owed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundLineNamingTheOrdersLineById_GoesBackOnItsItemAtItsRate(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        var order = UkOrder("order.paid", "evt_81");
        order["order"]!["lines"] = JsonNode.Parse("""
            [ { "id": "l1", "sku": "MUG", "description": "Mug", "quantity": 2, "unitPrice": "10.00", "tax": "4.00", "taxPercent": 20 },
              { "id": "l2", "sku": "BOOK", "description": "Book", "unitPrice": "8.00", "taxPercent": 0 } ]
            """);
        order["order"]!["total"] = "36.80";
        var paid = await world.DeliverAsync(order.ToJsonString());
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());

        var refunded = await ReturnLineAsync(world, "80", "l2", "8.00");

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        var line = Assert.Single(receipt["Line"]!.AsArray(), l => (string?)l!["DetailType"] == "SalesItemLineDetail")!;
        var book = (string?)Assert.Single(world.Entities("Item"), item => (string?)item["Name"] == "BOOK")["Id"];
        Assert.Equal((book, "Book", 8.00m), ((string?)line["SalesItemLineDetail"]!["ItemRef"]!["value"], (string?)line["Description"], (decimal)line["Amount"]!));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["0.0% Z"], CompanyRegimeBookingTests.CodesOf(receipt, taxCodes));
        var ledger = await world.LedgerAsync();
        Assert.Equal((4.80m, 28.80m), (ledger["VAT Control"], ledger["Undeposited Funds"]));
    }

    /// <summary>
    /// One of two mugs returned, its refund line naming the order's line and the quantity alone: it is worth what was charged
    /// for one mug (10.00 less its half of the 2.00 discount), back on the mug's item at 20 %, and the VAT on it comes off.
    /// Returning more mugs than were sold, with no amount to say what went back, fails naming the quantity.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundLineNamingTheOrdersLineAndAQuantityAlone_IsWorthItsShareOfTheLine(DatabaseKind kind)
    {
        await using var world = await PaidWithTheMugsLineAsync(kind, "evt_84");

        var refunded = await world.DeliverAsync(Event("""
            { "id": "evt_r84", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_84", "amount": "10.80", "date": "2026-03-09", "lines": [ { "lineId": "l1", "quantity": 1 } ] } }
            """));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(10.80m, (decimal)receipt["TotalAmt"]!);
        var line = Assert.Single(receipt["Line"]!.AsArray(), l => (string?)l!["DetailType"] == "SalesItemLineDetail")!;
        var mug = (string?)Assert.Single(world.Entities("Item"), item => (string?)item["Name"] == "MUG")["Id"];
        Assert.Equal((mug, "Mug", 9.00m, 1m), ((string?)line["SalesItemLineDetail"]!["ItemRef"]!["value"], (string?)line["Description"], (decimal)line["Amount"]!, (decimal)line["SalesItemLineDetail"]!["Qty"]!));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["20.0% S"], CompanyRegimeBookingTests.CodesOf(receipt, taxCodes));
        var ledger = await world.LedgerAsync();
        Assert.Equal((3.60m, 21.60m), (ledger["VAT Control"], ledger["Undeposited Funds"]));

        var tooMany = await world.DeliverAsync(Event("""
            { "id": "evt_r85", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_85", "amount": "32.40", "date": "2026-03-10", "lines": [ { "lineId": "l1", "quantity": 3 } ] } }
            """));
        Assert.True(tooMany.Status == PayloadStatus.Failed, tooMany.ToString());
        Assert.Contains("refund.lines[0].quantity: Refund re_85 returns 3 of line \"l1\", which sold 2", tooMany.LastError, StringComparison.Ordinal);
        Assert.Single(world.Entities("RefundReceipt"));
    }

    /// <summary>
    /// A US order of two mugs (20.00) and tea (30.00) less 5.00 for the order, its 7 % tax (State 6 %, County 1 %) stated for the
    /// order alone: 48.15, paid. One mug returned by its line's id and the quantity alone is worth 9.00 (10.00 less its part of
    /// the discount, 2.00 of the 5.00 on the mugs' 20.00) and the 0.63 of tax charged on it: the 9.63 refunded, on the mug's
    /// item with no line for a difference, and the tax owed falls by 0.63.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundLineOfAnOrderTaxedAndDiscountedAsAWhole_IsWorthItsShareAndTheTaxOnIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        var sale = await world.DeliverAsync(Event("""
            { "id": "evt_20", "type": "order.paid",
              "order": { "id": "ord_2020", "date": "2026-03-01", "currency": "USD", "discount": "5.00", "customer": { "name": "Sam Lee" },
                         "lines": [ { "id": "m1", "sku": "MUG", "description": "Mug", "quantity": 2, "unitPrice": "10.00" },
                                    { "id": "t1", "sku": "TEA", "description": "Tea", "quantity": 1, "unitPrice": "30.00" } ],
                         "taxes": [ { "name": "State", "percent": 6, "amount": "2.70" }, { "name": "County", "percent": 1, "amount": "0.45" } ],
                         "total": "48.15" } }
            """));
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(3.15m, (await world.LedgerAsync())["Sales Tax Payable"]);

        var refunded = await world.DeliverAsync(Event("""
            { "id": "evt_r20", "type": "refund.created", "order": { "id": "ord_2020" },
              "refund": { "id": "re_20", "amount": "9.63", "date": "2026-03-09", "lines": [ { "lineId": "m1", "quantity": 1 } ] } }
            """));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(9.63m, (decimal)receipt["TotalAmt"]!);
        // The company books sales tax on its "Sales tax" item, as the sale's was.
        var lines = receipt["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => ((string?)l!["SalesItemLineDetail"]!["ItemRef"]!["name"], (decimal)l["Amount"]!));
        Assert.Equal([("MUG", 9.00m), ("Sales tax", 0.63m)], lines);
        var ledger = await world.LedgerAsync();
        Assert.Equal((2.52m, 38.52m), (ledger["Sales Tax Payable"], ledger["Undeposited Funds"]));
    }

    /// <summary>A refund line naming a line the order does not have fails, naming the line; nothing is booked for it.</summary>
    [Theory, BothDatabases]
    public async Task RefundLineNamingALineTheOrderLacks_FailsNamingIt(DatabaseKind kind)
    {
        await using var world = await PaidWithTheMugsLineAsync(kind, "evt_83");

        var refunded = await ReturnLineAsync(world, "81", "l9", "5.00");

        Assert.True(refunded.Status == PayloadStatus.Failed, refunded.ToString());
        Assert.Contains("refund.lines[0].lineId: Refund re_81 returns line \"l9\", but its sale has no line of that id.", refunded.LastError, StringComparison.Ordinal);
        Assert.Empty(world.Entities("RefundReceipt"));
    }

    /// <summary>
    /// A US order with state and county tax, shipping and an order discount, paid at once: the invoice comes to the order's
    /// total with the tax owed as stated, and the payment settles it. A second order, unpaid, cancelled: its invoice is voided.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UsOrder_PaidAtOnce_AndAnotherCancelled_AreBookedToTheirTotals(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        var order = Event("""
            { "id": "evt_10", "type": "order.paid",
              "order": { "id": "ord_2001", "date": "2026-03-01", "currency": "USD", "discount": "5.00",
                         "customer": { "company": "Acme Inc", "email": "ap@acme.example" },
                         "lines": [ { "sku": "CONSULT-H", "description": "Consulting (hours)", "quantity": 7.5, "unitPrice": "120.00" } ],
                         "shipping": [ { "amount": "10.00" } ],
                         "taxes": [ { "name": "State", "percent": 6, "amount": "53.70" }, { "name": "County", "percent": 1, "amount": "8.95" } ],
                         "total": "967.65" },
              "payment": { "id": "ch_1", "date": "2026-03-01" } }
            """);

        var sale = await world.DeliverAsync(order);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((967.65m, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        var ledger = await world.LedgerAsync();
        Assert.Equal((62.65m, 967.65m, 0m), (ledger["Sales Tax Payable"], ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));

        var unpaid = await world.DeliverAsync(Event("""
            { "id": "evt_11", "type": "order.created",
              "order": { "id": "ord_2002", "date": "2026-03-02", "currency": "USD", "customer": { "name": "Sam Lee" },
                         "lines": [ { "description": "Workshop seat", "unitPrice": 250 } ], "total": 250 } }
            """));
        Assert.True(unpaid.Status == PayloadStatus.Succeeded, unpaid.ToString());
        Assert.Equal(250m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);

        var cancelled = await world.DeliverAsync(Event("""{ "id": "evt_12", "type": "order.cancelled", "order": { "id": "ord_2002" } }"""));

        Assert.True(cancelled.Status == PayloadStatus.Succeeded, cancelled.ToString());
        Assert.Equal(0m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);
        Assert.Equal(2, world.Entities("Invoice").Count);
    }

    /// <summary>
    /// A UK shop whose prices include VAT: two towels at 12.00 (4.00 of VAT inside) and shipping at 3.60 (0.60 inside), paid.
    /// The invoice comes to the 27.60 charged, and the VAT owed is the 4.60 inside it, not VAT added on top. One towel
    /// returned by its line's id and the quantity alone gives back the 12.00 it cost, 2.00 of VAT inside; the other, with
    /// the shipping stated as the order's prices are, the rest, and with it the VAT.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UkOrder_PricedWithVatInside_OwesTheVatInsideItsTotal(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });

        var sale = await world.DeliverAsync(Event("""
            { "id": "evt_40", "type": "order.paid",
              "order": { "id": "ord_4001", "date": "2026-03-01", "currency": "GBP", "pricesIncludeTax": true, "customer": { "name": "Jo Bloggs" },
                         "lines": [ { "id": "t1", "sku": "TOWEL", "description": "Towel", "quantity": 2, "unitPrice": "12.00", "tax": "4.00", "taxPercent": 20 } ],
                         "shipping": [ { "amount": "3.60", "tax": "0.60", "taxPercent": 20 } ],
                         "total": "27.60" } }
            """));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(27.60m, (decimal)Assert.Single(world.Entities("Invoice"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((4.60m, 27.60m, 0m), (ledger["VAT Control"], ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));

        var refunded = await world.DeliverAsync(Event("""
            { "id": "evt_41", "type": "refund.created", "order": { "id": "ord_4001" },
              "refund": { "id": "re_41", "amount": "12.00", "date": "2026-03-05", "lines": [ { "lineId": "t1", "quantity": 1 } ] } }
            """));
        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        Assert.Equal(12.00m, (decimal)Assert.Single(world.Entities("RefundReceipt"))["TotalAmt"]!);
        ledger = await world.LedgerAsync();
        Assert.Equal((2.60m, 15.60m), (ledger["VAT Control"], ledger["Undeposited Funds"]));

        // The other towel and the shipping go back, the shipping stated as the order states it, 3.60 with its 0.60 of VAT
        // inside: 15.60 in all. Taken as 3.60 before VAT, its rate would be 16.667 %, which no code has: it was refused.
        var withShipping = await world.DeliverAsync(Event("""
            { "id": "evt_42", "type": "refund.created", "order": { "id": "ord_4001" },
              "refund": { "id": "re_42", "amount": "15.60", "date": "2026-03-06", "lines": [ { "lineId": "t1", "quantity": 1, "tax": "2.00" } ],
                          "shipping": "3.60", "shippingTax": "0.60" } }
            """));
        Assert.True(withShipping.Status == PayloadStatus.Succeeded, withShipping.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"), d => (string?)d["Id"] == withShipping.DocumentId);
        Assert.Equal((15.60m, 2.60m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        Assert.DoesNotContain(receipt["Line"]!.AsArray(), line => (string?)line!["Description"] == "Rounding");
        ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m), (ledger["VAT Control"], ledger["Undeposited Funds"]));
    }

    /// <summary>
    /// An Ontario order's shipping of 0.13 (0.02 of HST at 13 %) given back alone. The 0.02 on 0.13 implies 15.4 %, which
    /// New Brunswick's and Newfoundland's HST come nearer than Ontario's: it was refused as a rate of several codes. The
    /// shipping goes back at the rate the order charged on it, so at Ontario's HST.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShippingRefundedAlone_GoesBackAtTheRateTheOrderChargedOnIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "CA" });
        var sale = await world.DeliverAsync(Event("""
            { "id": "evt_45", "type": "order.paid",
              "order": { "id": "ord_4501", "date": "2026-03-01", "currency": "CAD",
                         "customer": { "name": "Sam Tremblay", "shippingAddress": { "line1": "1 King St", "city": "Toronto", "region": "ON", "country": "CA" } },
                         "lines": [ { "sku": "TOWEL", "description": "Towel", "unitPrice": "10.00", "tax": "1.30", "taxPercent": 13 } ],
                         "shipping": [ { "amount": "0.13", "tax": "0.02", "taxPercent": 13 } ],
                         "total": "11.45" } }
            """));
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refunded = await world.DeliverAsync(Event("""
            { "id": "evt_46", "type": "refund.created", "order": { "id": "ord_4501" },
              "refund": { "id": "re_46", "amount": "0.15", "date": "2026-03-05", "shipping": "0.13", "shippingTax": "0.02" } }
            """));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((0.15m, 0.02m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["HST ON"], CompanyRegimeBookingTests.CodesOf(receipt, taxCodes));
        Assert.Equal(1.30m, (await world.LedgerAsync())["GST/HST Payable"]);
    }

    /// <summary>
    /// An order placed unpaid, a payment of 12.40 received, and then the order sent again as it now stands, paid 12.40 (the
    /// sender's own record, counting that payment): what it says is paid is booked already, so no payment is added and the
    /// invoice still owes the 20.00 not paid. Restated paid 22.40, only the 10.00 more is a payment; order.paid pays the rest.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderUpdatedPaidAsThePaymentsAlreadyBooked_AddsNoPayment(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        await PlacedAndPartPaidAsync(world, "80");

        var updated = UkOrder("order.updated", "evt_82");
        updated["order"]!["paid"] = "12.40";
        var restated = await world.DeliverAsync(updated.ToJsonString());

        Assert.True(restated.Status == PayloadStatus.Succeeded, restated.ToString());
        Assert.Equal([12.40m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!));
        Assert.Contains("PAID_ALREADY: the sale says 12.40 is paid, and payments of 12.40 are booked", restated.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(20.00m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);

        updated["id"] = "evt_83";
        updated["order"]!["paid"] = "22.40";
        var more = await world.DeliverAsync(updated.ToJsonString());
        Assert.True(more.Status == PayloadStatus.Succeeded, more.ToString());
        Assert.Equal([10.00m, 12.40m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());

        var paid = await world.DeliverAsync(UkOrder("order.paid", "evt_84").ToJsonString());
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());
        Assert.Equal([10.00m, 10.00m, 12.40m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        Assert.Equal(0m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// An order placed with a payment of 12.40 and no <c>paid</c>: the payment is booked, not dropped, and the invoice owes
    /// the 20.00 rest.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderCreatedWithAPayment_BooksThePayment(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        var order = UkOrder("order.created", "evt_95");
        order["payment"] = JsonNode.Parse("""{ "id": "pay_95", "amount": "12.40", "method": "card" }""");

        var sold = await world.DeliverAsync(order.ToJsonString());

        Assert.True(sold.Status == PayloadStatus.Succeeded, sold.ToString());
        Assert.Equal([12.40m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!));
        Assert.Equal((20.00m, 12.40m), ((await world.LedgerAsync())["Accounts Receivable (A/R)"], (await world.LedgerAsync())["Undeposited Funds"]));
    }

    /// <summary>
    /// An order paid 12.40 by payment.received, then restated naming a second payment (pay_97, 15.00) without <c>paid</c>: that
    /// payment is its own money, booked beside the first rather than read as all that is paid (which the 12.40 booked would
    /// have covered). Sent again, it is found booked; a third of 10.00 is applied only up to the 5.00 the invoice still owes.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderRestatedNamingAnotherPaymentWithoutPaid_BooksThatPayment(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        await PlacedAndPartPaidAsync(world, "96");

        var updated = UkOrder("order.updated", "evt_97");
        updated["payment"] = JsonNode.Parse("""{ "id": "pay_97", "amount": "15.00", "date": "2026-03-04" }""");
        var second = await world.DeliverAsync(updated.ToJsonString());
        updated["id"] = "evt_97b";
        var again = await world.DeliverAsync(updated.ToJsonString());

        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        Assert.True(again.Status == PayloadStatus.Succeeded, again.ToString());
        Assert.Equal([12.40m, 15.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        Assert.Equal(5.00m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);

        updated["id"] = "evt_98";
        updated["payment"] = JsonNode.Parse("""{ "id": "pay_98", "amount": "10.00", "date": "2026-03-05" }""");
        var third = await world.DeliverAsync(updated.ToJsonString());
        Assert.True(third.Status == PayloadStatus.Succeeded, third.ToString());
        Assert.Equal([5.00m, 12.40m, 15.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        Assert.Equal(0m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// An order paid 12.40 of 32.40 naming its payment (pay_90), then the same payment sent as payment.received (the sender's
    /// payment webhook): one payment, booked once by its id, and the invoice still owes 20.00. The order restated paid in
    /// full, naming the same payment, adds only the 20.00 more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaymentNamedOnTheOrder_AndSentAgainAsPaymentReceived_IsBookedOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        var order = UkOrder("order.paid", "evt_90");
        order["order"]!["paid"] = "12.40";
        order["payment"] = JsonNode.Parse("""{ "id": "pay_90", "date": "2026-03-02", "method": "card" }""");
        var sold = await world.DeliverAsync(order.ToJsonString());
        Assert.True(sold.Status == PayloadStatus.Succeeded, sold.ToString());

        var again = await world.DeliverAsync(Event("""
            { "id": "evt_91", "type": "payment.received", "order": { "id": "ord_1001", "currency": "GBP" },
              "payment": { "id": "pay_90", "amount": "12.40", "date": "2026-03-02" } }
            """));

        Assert.True(again.Status == PayloadStatus.Succeeded, again.ToString());
        Assert.Equal([12.40m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!));
        Assert.Equal(20.00m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);

        order["id"] = "evt_92";
        order["order"]!["paid"] = "32.40";
        var whole = await world.DeliverAsync(order.ToJsonString());
        Assert.True(whole.Status == PayloadStatus.Succeeded, whole.ToString());
        Assert.Equal([12.40m, 20.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        Assert.Equal(0m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// A euro order in a UK company that keeps several currencies, paid, with a tip, and converted by the sender's processor
    /// at 0.85: the invoice and its payment take that rate, so the pounds in Undeposited Funds are what reached the bank; the
    /// tip is on the tips item, outside the VAT. Its refund, converted back at 0.87 that day, takes that rate in turn.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EuroOrderConvertedAtTheSendersRate_IsBookedAtIt_AndItsRefundAtItsOwn(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders",
            company: new CompanySettings { Country = "GB", MultiCurrencyEnabled = true });
        var order = UkOrder("order.paid", "evt_60");
        order["order"]!["currency"] = "EUR";
        order["order"]!["tips"] = JsonNode.Parse("""[ { "description": "For the driver", "amount": "2.00" } ]""");
        order["order"]!["total"] = "34.40";
        order["order"]!["conversion"] = JsonNode.Parse("""{ "currency": "GBP", "rate": "0.85" }""");

        var sale = await world.DeliverAsync(order.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var payment = Assert.Single(world.Entities("Payment"));
        Assert.Equal(("EUR", 34.40m, 0.85m, 0.85m),
            ((string?)invoice["CurrencyRef"]!["value"], (decimal)invoice["TotalAmt"]!, (decimal)invoice["ExchangeRate"]!, (decimal)payment["ExchangeRate"]!));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["20.0% S", "20.0% S", "20.0% S", "No VAT"], CompanyRegimeBookingTests.CodesOf(invoice, taxCodes));
        Assert.Equal(29.24m, (await world.LedgerAsync())["Undeposited Funds"]);

        var refunded = await world.DeliverAsync(Event("""
            { "id": "evt_61", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_60", "amount": "10.00", "currency": "EUR", "date": "2026-03-09",
                          "conversion": { "currency": "GBP", "rate": "0.87" } } }
            """));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(("EUR", 10.00m, 0.87m), ((string?)receipt["CurrencyRef"]!["value"], (decimal)receipt["TotalAmt"]!, (decimal)receipt["ExchangeRate"]!));
        Assert.Equal(29.24m - 8.70m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// A gift card of 50.00 sold; an order of 30.00 paid 20.00 with it and the rest by card; then the order refunded, 20.00
    /// back onto the gift card. The gift card part never passes through Undeposited Funds: spent, it comes off the liability;
    /// put back, it is owed again.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderPaidPartlyWithAGiftCard_ThenRefunded_MovesTheLiabilityNotUndepositedFunds(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        var sold = await world.DeliverAsync(Event("""
            { "id": "evt_70", "type": "order.paid",
              "order": { "id": "ord_7001", "date": "2026-03-01", "currency": "USD", "customer": { "name": "Sam Lee" },
                         "lines": [ { "description": "Gift card", "unitPrice": "50.00", "giftCard": true } ], "total": "50.00" } }
            """));
        Assert.True(sold.Status == PayloadStatus.Succeeded, sold.ToString());

        var spent = await world.DeliverAsync(Event("""
            { "id": "evt_71", "type": "order.paid",
              "order": { "id": "ord_7002", "date": "2026-03-02", "currency": "USD", "customer": { "name": "Sam Lee" },
                         "lines": [ { "sku": "MUG", "description": "Mug", "unitPrice": "30.00" } ], "total": "30.00", "giftCards": "20.00" } }
            """));
        Assert.True(spent.Status == PayloadStatus.Succeeded, spent.ToString());
        var liability = (string)Assert.Single(world.Entities("Account"), a => ((string?)a["Name"])!.Contains("gift", StringComparison.OrdinalIgnoreCase))["Name"]!;
        var ledger = await world.LedgerAsync();
        Assert.Equal((30.00m, 60.00m, 0m), (ledger[liability], ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));

        var refunded = await world.DeliverAsync(Event("""
            { "id": "evt_72", "type": "refund.created", "occurredAt": "2026-03-05T09:00:00Z", "order": { "id": "ord_7002" },
              "refund": { "id": "re_70", "amount": "30.00", "toGiftCards": "20.00" } }
            """));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        ledger = await world.LedgerAsync();
        Assert.Equal((50.00m, 50.00m), (ledger[liability], ledger["Undeposited Funds"]));
    }

    /// <summary>
    /// A payment that arrives before its order waits for it, and is booked once the order is: the invoice is then paid.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaymentBeforeItsOrder_WaitsForIt_ThenPaysIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");

        var early = await world.DeliverAsync(Event("""
            { "id": "evt_80", "type": "payment.received", "order": { "id": "ord_8001", "currency": "USD" },
              "payment": { "id": "pay_80", "amount": "250.00", "date": "2026-03-03" } }
            """));
        Assert.True(early.Status == PayloadStatus.WaitingDependency, early.ToString());
        Assert.Empty(world.Entities("Payment"));

        var order = await world.DeliverAsync(Event("""
            { "id": "evt_81", "type": "order.created",
              "order": { "id": "ord_8001", "date": "2026-03-02", "currency": "USD", "customer": { "name": "Sam Lee" },
                         "lines": [ { "description": "Workshop seat", "unitPrice": 250 } ], "total": 250 } }
            """));
        Assert.True(order.Status == PayloadStatus.Succeeded, order.ToString());

        var paid = await world.SettledAsync(early.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        Assert.Equal(250m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// An order edited after it was booked (a second seat added): order.updated revises its invoice to the new total, and
    /// the same order sent again as order.created books nothing more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderUpdated_WithANewTotal_RevisesTheInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        const string Order = """
            { "id": "EVENT", "type": "TYPE",
              "order": { "id": "ord_3001", "date": "2026-03-02", "currency": "USD", "customer": { "name": "Sam Lee" },
                         "lines": [ { "sku": "SEAT", "description": "Workshop seat", "quantity": QTY, "unitPrice": 250 } ], "total": TOTAL } }
            """;
        string Sent(string eventId, string type, int seats) => Event(Order.Replace("EVENT", eventId, StringComparison.Ordinal)
            .Replace("TYPE", type, StringComparison.Ordinal).Replace("QTY", $"{seats}", StringComparison.Ordinal).Replace("TOTAL", $"{seats * 250}", StringComparison.Ordinal));

        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(Sent("evt_30", "order.created", 1))).Status);
        var edited = await world.DeliverAsync(Sent("evt_31", "order.updated", 2));

        Assert.True(edited.Status == PayloadStatus.Succeeded, edited.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(500m, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(500m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);

        await world.DeliverAsync(Sent("evt_32", "order.created", 2));
        Assert.Single(world.Entities("Invoice"));
        Assert.Equal(500m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// A body the books cannot read fails at once, every problem named by its path, and nothing is booked; the event's own
    /// id makes a retry without an Idempotency-Key a duplicate of the first delivery.
    /// </summary>
    [Theory, BothDatabases]
    public async Task BrokenOrder_FailsNamingEveryProblem_AndItsRetryIsStoredOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        var broken = UkOrder("order.created", "evt_20");
        broken["order"]!["lines"]![0]!["unitPrice"] = "ten";
        broken["order"]!["total"] = "99.00";

        using var first = await world.SendAsync(broken.ToJsonString());
        using var retry = await world.SendAsync(broken.ToJsonString());
        var payloadId = (await PipelineWorld.DataAsync(first)).GetProperty("payloadId").GetString()!;
        Assert.Equal(payloadId, (await PipelineWorld.DataAsync(retry)).GetProperty("payloadId").GetString());

        var failed = await world.SettledAsync(payloadId);

        Assert.True(failed.Status == PayloadStatus.Failed, failed.ToString());
        Assert.Contains("order.lines[0].unitPrice: must be a non-negative number.", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("EVENT_INVALID", failed.Detail.ToString(), StringComparison.Ordinal);
        Assert.Empty(world.Entities("Invoice"));
    }

    /// <summary>
    /// The preview of an orders source shows what an event would book, and for a broken body the same problems its payload
    /// would fail with, both without booking anything.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_ShowsTheDocumentsOfAnOrder_AndTheProblemsOfABrokenOne(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: new CompanySettings { Country = "GB" });
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);

        var ready = await PreviewAsync(admin, world, UkOrder("order.paid", "evt_50"));
        Assert.Equal(("ready", "sale"), (ready.GetProperty("status").GetString(), ready.GetProperty("meaning").GetString()));
        Assert.Equal(["Invoice", "Payment"], ready.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("entityType").GetString()));
        Assert.Equal(32.40m, ready.GetProperty("totals").GetProperty("booked").GetDecimal());

        var broken = UkOrder("order.created", "evt_51");
        broken["order"]!["total"] = "33.40";
        var invalid = await PreviewAsync(admin, world, broken);
        Assert.Equal("invalid", invalid.GetProperty("status").GetString());
        Assert.Equal("order.total", Assert.Single(invalid.GetProperty("problems").EnumerateArray()).GetProperty("field").GetString());
        Assert.Empty(world.Entities("Invoice"));
    }

    private static async Task<JsonElement> PreviewAsync(AdminHarness admin, PipelineWorld world, JsonObject payload)
    {
        using var response = await admin.Viewer.PostAsJsonAsync("/api/admin/mappings/preview",
            new { organizationId = world.Organization.OrganizationId, sourceId = world.Source.SourceId, payload });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AdminHarness.DataAsync(response)).GetProperty("books");
    }
}
