using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Books.Tests.Orders;

/// <summary>Our own order events (source type <c>orders</c>), read by their adapter.</summary>
public sealed class OrderEventsTests
{
    private static readonly IVendorAdapter Adapter = VendorAdapters.For("orders") ?? throw new InvalidOperationException("No orders adapter.");

    /// <summary>A UK order: two lines at 20 % (one discounted), shipping at 20 %, VAT stated per line.</summary>
    public static JsonObject Order(string type = "order.created") => JsonNode.Parse($$"""
        {
          "id": "evt_1001",
          "type": "{{type}}",
          "occurredAt": "2026-03-02T10:00:00Z",
          "order": {
            "id": "ord_1001",
            "number": "1001",
            "date": "2026-03-01T23:30:00-05:00",
            "currency": "gbp",
            "customer": { "name": "Jo Bloggs", "email": "jo@example.com", "id": "cust_7",
                          "shippingAddress": { "line1": "1 High St", "city": "Leeds", "postalCode": "LS1 1AA", "country": "GB" } },
            "lines": [
              { "id": "l1", "sku": "MUG", "description": "Mug", "quantity": 2, "unitPrice": "10.00", "discount": "2.00", "tax": "3.60", "taxPercent": 20 },
              { "id": "l2", "sku": "TEA", "description": "Tea", "quantity": 1, "unitPrice": 5, "tax": 1, "taxPercent": 20 }
            ],
            "shipping": [ { "description": "Royal Mail", "amount": "4.00", "tax": "0.80", "taxPercent": 20 } ],
            "total": "32.40"
          }
        }
        """)!.AsObject();

    private static AdapterResult Deliver(JsonNode body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        var type = Adapter.EventType(new Dictionary<string, string>(), document.RootElement);
        Assert.NotNull(type);
        return Adapter.Read(type, document.RootElement);
    }

    private static SourceEvent Read(JsonNode body)
    {
        var result = Deliver(body);
        Assert.True(result.Problems.Count == 0, string.Join("; ", result.Problems.Select(p => $"{p.Field} {p.Message}")));
        return Assert.IsType<SourceEvent>(result.Event);
    }

    private static IReadOnlyList<string> Problems(JsonNode body)
    {
        var result = Deliver(body);
        Assert.Null(result.Event);
        return result.Problems.Select(p => $"{p.Field} {p.Message}").ToList();
    }

    [Fact]
    public void OrderCreated_ReadsLinesShippingDiscountAndTax_AsStated()
    {
        var read = Read(Order());

        Assert.Equal(("orders", "order.created", EventMeaning.Sale, "order:ord_1001"), (read.Vendor, read.EventType, read.Meaning, read.Subject.Key));
        var sale = read.Sale!;
        Assert.Equal(("GBP", new DateOnly(2026, 3, 1), "1001", 32.40m), (sale.Currency, sale.Date, sale.Number, sale.Total));
        Assert.Equal(("Jo Bloggs", "jo@example.com", "cust_7", "GB"), (sale.Customer.Name, sale.Customer.Email, sale.Customer.ExternalId, sale.Customer.ShippingAddress!.Country));
        Assert.Equal([("MUG", 2m, 10.00m, 20.00m, 2.00m, 3.60m, 0.20m), ("TEA", 1m, 5m, 5m, 0m, 1m, 0.20m)],
            sale.Lines.Select(l => (l.ItemKey!, l.Quantity, l.UnitPrice, l.Amount, l.Discount, l.Tax, l.TaxRate!.Value)));
        Assert.Equal(("Royal Mail", 4.00m, 0.80m), (sale.Shipping[0].Description, sale.Shipping[0].Amount, sale.Shipping[0].Tax));
        // No taxes list: the tax the parts state, one line per rate.
        Assert.Equal([("Tax 20 %", 0.20m, 5.40m)], sale.Taxes.Select(t => (t.Name, t.Rate!.Value, t.Amount)));
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(0m, read.Paid);
        Assert.Null(read.Payment);
        Assert.False(read.Edited);
    }

    [Fact]
    public void OrderPaid_WithoutPaid_IsPaidInFull_ByTheNamedPayment()
    {
        var body = Order("order.paid");
        body["payment"] = new JsonObject { ["id"] = "pay_1", ["date"] = "2026-03-03", ["method"] = "card" };

        var read = Read(body);

        Assert.Equal((EventMeaning.Sale, 32.40m), (read.Meaning, read.Paid));
        Assert.Equal((32.40m, "GBP", new DateOnly(2026, 3, 3), "pay_1", "card"),
            (read.Payment!.Amount, read.Payment.Currency, read.Payment.Date, read.Payment.Reference, read.Payment.Method));
    }

    [Fact]
    public void OrderCreated_WithAPaymentOfAnAmount_IsPaidThatMuch()
    {
        var body = Order();
        body["payment"] = new JsonObject { ["id"] = "pay_3", ["amount"] = "12.40" };

        var read = Read(body);

        Assert.Equal((12.40m, 12.40m, "pay_3"), (read.Paid, read.Payment!.Amount, read.Payment.Reference));
        Assert.True(read.Payment.AmountIsItsOwn);
    }

    /// <summary>A payment's amount is its own only when nothing else says what is paid in all, and it has an id to be booked once by.</summary>
    [Theory]
    [InlineData("order.updated", null, "pay_5", true)]
    [InlineData("order.updated", "12.40", "pay_5", false)]
    [InlineData("order.updated", null, null, false)]
    [InlineData("order.paid", null, "pay_5", false)]
    public void SaleEventPayment_AmountIsItsOwn_OnlyWithoutPaid(string type, string? paid, string? id, bool itsOwn)
    {
        var body = Order(type);
        if (paid is not null)
        {
            body["order"]!["paid"] = paid;
        }

        body["payment"] = new JsonObject { ["id"] = id, ["amount"] = type == "order.paid" ? "32.40" : "12.40" };

        Assert.Equal(itsOwn, Read(body).Payment!.AmountIsItsOwn);
    }

    [Fact]
    public void PaymentOfMoreThanThePaidItBelongsTo_IsRefused()
    {
        var body = Order();
        body["order"]!["paid"] = "10.00";
        body["payment"] = new JsonObject { ["id"] = "pay_4", ["amount"] = "12.40" };

        Assert.Equal(["payment.amount is 12.40, more than the order says is paid in all (10.00, order.paid)."], Problems(body));
    }

    [Fact]
    public void OrderUpdated_PartPaid_IsAnEditWithWhatWasPaid()
    {
        var body = Order("order.updated");
        body["order"]!["paid"] = "10.00";

        var read = Read(body);

        Assert.True(read.Edited);
        Assert.Equal(10.00m, read.Paid);
        Assert.Equal((10.00m, new DateOnly(2026, 3, 2)), (read.Payment!.Amount, read.Payment.Date));
    }

    [Fact]
    public void OrderCreated_WithTaxesAndAnOrderDiscount_TakesTheTaxesAsStated()
    {
        var body = JsonNode.Parse("""
            {
              "id": "evt_2", "type": "order.created",
              "order": {
                "id": "ord_2", "date": 1772409600, "currency": "USD", "discount": 5,
                "customer": { "company": "Acme Inc" },
                "lines": [ { "description": "Consulting (hours)", "quantity": 7.5, "unitPrice": "120.00" } ],
                "taxes": [ { "name": "State", "percent": 6, "amount": "53.70" }, { "name": "County", "percent": 1, "amount": "8.95" } ],
                "total": "957.65"
              }
            }
            """)!;

        var sale = Read(body).Sale!;

        Assert.Equal([("State", 0.06m, 53.70m), ("County", 0.01m, 8.95m)], sale.Taxes.Select(t => (t.Name, t.Rate!.Value, t.Amount)));
        Assert.Equal((5m, 900.00m, "Consulting (hours)"), (sale.OrderDiscount, sale.Lines[0].Amount, sale.Lines[0].ItemKey));
        Assert.Equal("Acme Inc", sale.Customer.Company);
        Assert.Equal(new DateOnly(2026, 3, 2), sale.Date);
    }

    [Fact]
    public void PaymentReceived_IsAPaymentOfTheOrder_ByItsId()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_3", "type": "payment.received", "occurredAt": "2026-03-05T08:00:00Z",
              "order": { "id": "ord_1001", "currency": "GBP" },
              "payment": { "id": "pay_2", "amount": "12.40", "method": "bank transfer" } }
            """)!;

        var read = Read(body);

        Assert.Equal((EventMeaning.Payment, "payment:pay_2", "order:ord_1001"), (read.Meaning, read.Subject.Key, read.Original!.Key));
        Assert.Equal((12.40m, "GBP", new DateOnly(2026, 3, 5), "pay_2", "bank transfer"),
            (read.Payment!.Amount, read.Payment.Currency, read.Payment.Date, read.Payment.Reference, read.Payment.Method));
    }

    [Fact]
    public void RefundCreated_ReadsTheReturnedLinesAndTheirTax()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_4", "type": "refund.created",
              "order": { "id": "ord_1001" },
              "refund": { "id": "re_1", "amount": "6.00", "date": "2026-03-09", "reason": "Damaged",
                          "lines": [ { "sku": "TEA", "quantity": 1, "amount": "5.00", "tax": "1.00", "taxPercent": 20 } ] } }
            """)!;

        var read = Read(body);

        Assert.Equal((EventMeaning.Refund, "order:ord_1001"), (read.Meaning, read.Original!.Key));
        Assert.Null(read.Sale);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal(("re_1", 6.00m, "", new DateOnly(2026, 3, 9), 1.00m, true, "Damaged"),
            (refund.RefundId, refund.Amount, refund.Currency, refund.Date, refund.Tax, refund.TaxStated, refund.Reason));
        Assert.Equal(("TEA", 5.00m, 0.20m), (refund.Lines[0].ItemKey!, refund.Lines[0].Amount, refund.Lines[0].TaxRate!.Value));
    }

    [Fact]
    public void RefundLine_NamingTheOrdersLineById_NeedsNoItemOfItsOwn()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_4", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_1", "amount": "5.00", "date": "2026-03-09", "lines": [ { "lineId": "l2", "amount": "5.00" } ] } }
            """)!;

        var line = Assert.Single(Assert.Single(Read(body).Refunds).Lines);

        Assert.Equal(("l2", null, "", 5.00m, (decimal?)null), (line.SourceId, line.ItemKey, line.Description, line.Amount, line.TaxRate));
    }

    [Fact]
    public void RefundLine_NamingTheOrdersLine_MayLeaveItsAmountToIt_AnItemLineMayNot()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_4", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_1", "amount": "5.00", "date": "2026-03-09", "lines": [ { "lineId": "l2", "quantity": 2 } ] } }
            """)!;

        var line = Assert.Single(Assert.Single(Read(body).Refunds).Lines);

        Assert.Equal(("l2", 2m, 0m, true), (line.SourceId, line.Quantity, line.Amount, line.WorthItsSoldLine));
        body["refund"]!["lines"]![0]!.AsObject().Remove("lineId");
        body["refund"]!["lines"]![0]!["sku"] = "TEA";
        Assert.Equal(["refund.lines[0].amount is required."], Problems(body));
    }

    [Fact]
    public void RefundLine_NamingNeitherItemNorLine_IsRefused()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_4", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_1", "amount": "5.00", "date": "2026-03-09", "lines": [ { "quantity": 1, "amount": "5.00" } ] } }
            """)!;

        Assert.Equal(["refund.lines[0].sku or description is required: it names the item."], Problems(body));
    }

    [Fact]
    public void OrderLinesSharingAnId_AreRefused()
    {
        var body = Order();
        body["order"]!["lines"]![1]!["id"] = "l1";

        Assert.Equal(["order.lines[1].id is \"l1\", the id of order.lines[0] too: each line's id names it alone."], Problems(body));
    }

    [Fact]
    public void RefundCreated_WithTheWholeOrder_CarriesTheSalePaidInFull()
    {
        var body = Order("refund.created");
        body["refund"] = new JsonObject { ["id"] = "re_2", ["amount"] = "32.40" };

        var read = Read(body);

        Assert.Equal((32.40m, 32.40m), (read.Sale!.Total, read.Paid));
        // Dated when the event occurred, in the order's currency.
        Assert.Equal((new DateOnly(2026, 3, 2), "GBP", false), (read.Refunds[0].Date, read.Refunds[0].Currency, read.Refunds[0].TaxStated));
    }

    [Fact]
    public void OrderCancelled_IsACancellationOnTheDayItSays()
    {
        var body = JsonNode.Parse("""{ "id": "evt_5", "type": "order.cancelled", "order": { "id": "ord_1001", "cancelledAt": "2026-03-04T12:00:00Z" } }""")!;

        var read = Read(body);

        Assert.Equal((EventMeaning.Cancellation, "order:ord_1001", new DateOnly(2026, 3, 4)), (read.Meaning, read.Original!.Key, read.CancelledOn));
    }

    [Fact]
    public void AnotherEventType_MovesNoMoney()
    {
        var read = Read(JsonNode.Parse("""{ "id": "evt_6", "type": "customer.created", "order": { "id": "ord_1001" } }""")!);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("customer.created is not an event the books use", read.IgnoredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void EventWithoutAType_IsRefused_NamingTheTypes()
    {
        using var document = JsonDocument.Parse("""{ "id": "evt_11", "order": { "id": "ord_1" } }""");

        var result = Adapter.Read(Adapter.EventType(new Dictionary<string, string>(), document.RootElement) ?? "", document.RootElement);

        Assert.Null(result.Event);
        Assert.Equal(["type is required: one of order.created, order.updated, order.paid, payment.received, refund.created, order.cancelled."],
            result.Problems.Select(p => $"{p.Field} {p.Message}"));
    }

    [Fact]
    public void PartsThatDoNotComeToTheTotal_AreRefused_WithBothFigures()
    {
        var body = Order();
        body["order"]!["total"] = "33.40";

        Assert.Equal(["order.total is 33.40, but the order's parts come to 32.40: the lines less their discounts, less the order's discount, plus shipping, fees and tips, plus tax."],
            Problems(body));
    }

    [Fact]
    public void EveryProblem_IsNamedByItsPath_AtOnce()
    {
        var body = Order();
        var order = body["order"]!.AsObject();
        order.Remove("currency");
        order["date"] = "yesterday";
        order["lines"]![0]!["unitPrice"] = "ten";
        order["lines"]![1]!.AsObject().Remove("unitPrice");
        order["lines"]![1]!["amount"] = -5;
        order["shipping"]![0]!["amount"] = "4.001";
        order["paid"] = "1";

        var problems = Problems(body);

        Assert.Contains("order.currency is required.", problems);
        Assert.Contains(problems, p => p.StartsWith("order.date must be an ISO 8601 date", StringComparison.Ordinal));
        Assert.Contains("order.lines[0].unitPrice must be a non-negative number.", problems);
        Assert.Contains("order.lines[1].amount must not be negative.", problems);
        Assert.DoesNotContain(problems, p => p.StartsWith("order.total", StringComparison.Ordinal));
    }

    [Fact]
    public void AmountFinerThanTheCurrency_AndPaidBeyondTheTotal_AreRefused()
    {
        var finer = Order();
        finer["order"]!["shipping"]![0]!["amount"] = "4.001";
        Assert.Contains("order.shipping[0].amount has more decimals than GBP has (2).", Problems(finer));

        var overpaid = Order();
        overpaid["order"]!["paid"] = "40.00";
        Assert.Equal(["order.paid is 40.00, more than the order's total (32.40)."], Problems(overpaid));
    }

    [Fact]
    public void LineWhoseAmountIsNotQuantityTimesPrice_IsRefused()
    {
        var body = Order();
        body["order"]!["lines"]![1]!["amount"] = "6.00";

        Assert.Contains("order.lines[1].amount is 6.00, but quantity × unitPrice is 5.00; send the one or make them agree.", Problems(body));
    }

    [Fact]
    public void LineNamingNoItem_IsRefused()
    {
        var body = Order();
        body["order"]!["lines"]![1]!.AsObject().Remove("sku");
        body["order"]!["lines"]![1]!.AsObject().Remove("description");

        Assert.Equal(["order.lines[1].sku or description is required: it names the item."], Problems(body));
    }

    [Fact]
    public void PricesIncludingTax_ComeToTheTotalWithoutAddingTheTaxAgain()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_10", "type": "order.created",
              "order": { "id": "ord_10", "date": "2026-03-01", "currency": "GBP", "pricesIncludeTax": true,
                         "lines": [ { "sku": "TOWEL", "quantity": 2, "unitPrice": "12.00", "tax": "4.00", "taxPercent": 20 } ],
                         "shipping": [ { "amount": "3.60", "tax": "0.60", "taxPercent": 20 } ],
                         "total": "27.60" } }
            """)!;

        var sale = Read(body).Sale!;

        Assert.True(sale.PricesIncludeTax);
        Assert.Equal((27.60m, 4.60m), (sale.ComputedTotal, sale.TaxTotal));
    }

    [Fact]
    public void TipsAndAConversion_AreReadIntoTheSale()
    {
        var body = Order();
        body["order"]!["currency"] = "EUR";
        body["order"]!["tips"] = JsonNode.Parse("""[ { "description": "For the driver", "amount": "2.00" } ]""");
        body["order"]!["total"] = "34.40";
        body["order"]!["conversion"] = JsonNode.Parse("""{ "currency": "gbp", "rate": "0.8523" }""");

        var sale = Read(body).Sale!;

        Assert.Equal(("For the driver", 2.00m), (sale.Tips[0].Description, sale.Tips[0].Amount));
        Assert.Equal(new Conversion("GBP", 0.8523m), sale.ConvertedAt);
        Assert.Equal(sale.Total, sale.ComputedTotal);
    }

    [Fact]
    public void ConversionIntoTheOrdersOwnCurrency_OrWithoutARate_IsRefused()
    {
        var body = Order();
        body["order"]!["conversion"] = JsonNode.Parse("""{ "currency": "GBP" }""");

        Assert.Equal(["order.conversion.rate is required.", "order.conversion.currency is the order's own currency: there is nothing to convert."], Problems(body));
    }

    [Fact]
    public void RefundConversion_IsTheRefundsOwn_AndCheckedLikeTheOrders()
    {
        var body = JsonNode.Parse("""
            { "id": "evt_5", "type": "refund.created", "order": { "id": "ord_1001" },
              "refund": { "id": "re_5", "amount": "10.00", "currency": "EUR", "date": "2026-03-09",
                          "conversion": { "currency": "gbp", "rate": "0.87" } } }
            """)!;

        Assert.Equal(new Conversion("GBP", 0.87m), Read(body).Refunds[0].ConvertedAt);

        body["refund"]!["conversion"] = JsonNode.Parse("""{ "currency": "EUR", "rate": 0 }""");
        Assert.Equal(["refund.conversion.rate must be above zero.", "refund.conversion.currency is the refund's own currency: there is nothing to convert."], Problems(body));
    }

    [Fact]
    public void GiftCardSold_AndGiftCardsSpent_AreReadAsSuch()
    {
        var body = Order("order.paid");
        body["order"]!["lines"]![1]!["giftCard"] = true;
        body["order"]!["lines"]![1]!.AsObject().Remove("tax");
        body["order"]!["lines"]![1]!.AsObject().Remove("taxPercent");
        body["order"]!["total"] = "31.40";
        body["order"]!["giftCards"] = "10.00";

        var read = Read(body);

        Assert.Equal((true, false), (read.Sale!.Lines[1].IsGiftCard, read.Sale.Lines[1].Taxable));
        Assert.Equal((10.00m, 31.40m), (read.Sale.GiftCards, read.Paid));

        body["order"]!["paid"] = "5.00";
        Assert.Equal(["order.giftCards is 10.00, more than was paid (5.00): it is the part of order.paid paid with gift cards."], Problems(body));
    }

    [Fact]
    public void PaymentWithoutIdOrAmount_IsRefused()
    {
        var body = JsonNode.Parse("""{ "id": "evt_7", "type": "payment.received", "order": { "id": "ord_1" }, "payment": { "amount": 0 } }""")!;

        var problems = Problems(body);

        Assert.Contains("payment.id is required.", problems);
        Assert.Contains("payment.currency is required when the order states no currency.", problems);
    }

    [Fact]
    public void EventWithoutAnOrderId_IsRefused()
    {
        Assert.Equal(["order.id is required."], Problems(JsonNode.Parse("""{ "id": "evt_8", "type": "order.created", "order": {} }""")!));
        Assert.Equal(["order is required."], Problems(JsonNode.Parse("""{ "id": "evt_9", "type": "order.cancelled" }""")!));
    }
}
