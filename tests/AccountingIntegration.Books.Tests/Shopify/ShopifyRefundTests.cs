using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.Shopify.ShopifyDelivery;

namespace AccountingIntegration.Books.Tests.Shopify;

public sealed class ShopifyRefundTests
{
    [Fact]
    public void RefundsCreate_OldRestFixture_TheTransactionsSayHowMuchWentBack()
    {
        using var fixture = Fixtures.Load("shopify/refunds-create.rest-fixture.json");
        var body = fixture.RootElement;

        var read = Read("refunds/create", body);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal($"refund:{Id(body)}", read.Subject.Key);
        Assert.Equal($"order:{Id(body, "order_id")}", read.Original!.Key);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal(Id(body), refund.RefundId);
        var moneyBack = body.GetProperty("transactions").EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "refund" && t.GetProperty("status").GetString() == "success")
            .Sum(t => Amount(t, "amount"));
        Assert.Equal(moneyBack, refund.Amount);
        Assert.Equal(209.00m, refund.Amount);
        Assert.Equal("USD", refund.Currency);
        Assert.Equal(new DateOnly(2016, 6, 20), refund.Date);
        Assert.Equal("it broke during shipping", refund.Reason);
        // The lines say what came back: two iPods at their price; the old shape states no refunded tax.
        Assert.Equal(2, refund.Lines.Count);
        Assert.All(refund.Lines, line => Assert.Equal((1m, 199.00m), (line.Quantity, line.Amount)));
        Assert.Equal(0m, refund.Tax);
        Assert.Equal(0m, refund.Shipping);
    }

    // Written from Shopify's REST Refund examples (shopify-app-js, rest/admin/__tests__/2024-10/refund.test.ts:
    // test_1's refund line with subtotal and total_tax, test_3's shipping_refund order adjustment of "-5.00"),
    // with the shipping refund taxed here so the tax on shipping is exercised.
    private const string RefundWithShipping = """
        {
          "id": "929361470", "order_id": "450789469", "created_at": "2024-10-02T09:01:05-05:00",
          "processed_at": "2024-10-02T09:01:05-05:00", "note": "wrong size", "restock": true,
          "refund_line_items": [
            { "id": "104689539", "quantity": 1, "line_item_id": "703073504", "restock_type": "return",
              "subtotal": 195.66, "total_tax": 3.98,
              "subtotal_set": { "shop_money": { "amount": "195.66", "currency_code": "USD" }, "presentment_money": { "amount": "195.66", "currency_code": "USD" } },
              "line_item": { "id": "703073504", "name": "IPod Nano - 8gb - black", "sku": "IPOD2008BLACK", "price": "199.00", "quantity": 1, "taxable": true, "gift_card": false } }
          ],
          "transactions": [
            { "id": "1068278490", "order_id": "450789469", "kind": "refund", "gateway": "bogus", "status": "success", "amount": "204.94", "currency": "USD", "test": false }
          ],
          "order_adjustments": [
            { "id": "1030976842", "order_id": "450789469", "refund_id": "929361470", "amount": "-5.00", "tax_amount": "-0.30", "kind": "shipping_refund", "reason": "Shipping refund" }
          ]
        }
        """;

    [Fact]
    public void RefundsCreate_ItemAndShippingRefund_SaysHowMuchOfTheMoneyWasShippingAndTax()
    {
        using var document = JsonDocument.Parse(RefundWithShipping);

        var read = Read("refunds/create", document.RootElement);

        var refund = Assert.Single(read.Refunds);
        Assert.Equal(("929361470", 204.94m, "USD"), (refund.RefundId, refund.Amount, refund.Currency));
        Assert.Equal(5.00m, refund.Shipping);
        Assert.Equal(3.98m + 0.30m, refund.Tax);
        var line = Assert.Single(refund.Lines);
        Assert.Equal((195.66m, 3.98m, "IPOD2008BLACK"), (line.Amount, line.Tax, line.ItemKey));
        Assert.Equal("order:450789469", read.Original!.Key);
    }

    /// <summary>
    /// A returned line is a part of its sold line when fewer units come back than were sold: its total_tax is then the units'
    /// share of the line's tax, which the books keep. A line whose every unit comes back is the whole line.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public void RefundsCreate_FewerUnitsBackThanSold_AreAPartOfTheirSoldLine(int sold, bool part)
    {
        using var document = JsonDocument.Parse(RefundWithShipping.Replace("\"price\": \"199.00\", \"quantity\": 1", $"\"price\": \"199.00\", \"quantity\": {sold}", StringComparison.Ordinal));

        var line = Assert.Single(Assert.Single(Read("refunds/create", document.RootElement).Refunds).Lines);

        Assert.Equal((1m, part), (line.Quantity, line.PartOfItsSoldLine));
    }

    /// <summary>
    /// The same return with the 12.00 of import duties given back too (the refund's <c>duties</c>): the money is 216.94, of
    /// which the duties are 12.00, the shipping 5.00 and the tax 4.28; the item's 195.66 is the rest.
    /// </summary>
    [Fact]
    public void RefundsCreate_WithDutiesGivenBack_SaysHowMuchOfTheMoneyWasDuties()
    {
        var body = RefundWithShipping
            .Replace("\"amount\": \"204.94\"", "\"amount\": \"216.94\"", StringComparison.Ordinal)
            .Replace("\"order_adjustments\": [", "\"duties\": [ { \"duty_id\": 2, \"amount_set\": { \"shop_money\": { \"amount\": \"12.00\", \"currency_code\": \"USD\" }, "
                + "\"presentment_money\": { \"amount\": \"12.00\", \"currency_code\": \"USD\" } } } ],\n  \"order_adjustments\": [", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);

        var refund = Assert.Single(Read("refunds/create", document.RootElement).Refunds);

        Assert.Equal((216.94m, 12.00m, 5.00m, 4.28m), (refund.Amount, refund.Duties, refund.Shipping, refund.Tax));
        Assert.Equal(refund.Amount - refund.Duties - refund.Shipping - refund.Tax, Assert.Single(refund.Lines).Amount);
        Assert.False(refund.StatesOnlyItsAmount);
    }

    // A USD shop whose customer paid in EUR: Shopify refunds in the presentment currency (RefundInput: "This
    // must be the presentment currency"), so the transaction says EUR while the parts' MoneyBags state both.
    private const string RefundInTheCustomersCurrency = """
        {
          "id": "929361471", "order_id": "450789470", "created_at": "2024-10-02T09:01:05-05:00",
          "refund_line_items": [
            { "id": "104689540", "quantity": 1, "line_item_id": "703073505",
              "subtotal": 100.00, "total_tax": 8.00,
              "subtotal_set": { "shop_money": { "amount": "100.00", "currency_code": "USD" }, "presentment_money": { "amount": "92.00", "currency_code": "EUR" } },
              "total_tax_set": { "shop_money": { "amount": "8.00", "currency_code": "USD" }, "presentment_money": { "amount": "7.36", "currency_code": "EUR" } },
              "line_item": { "id": "703073505", "name": "Mug", "sku": "MUG", "price": "100.00", "quantity": 1, "taxable": true } }
          ],
          "transactions": [
            { "id": "1068278491", "order_id": "450789470", "kind": "refund", "status": "success", "amount": "99.36", "currency": "EUR" }
          ],
          "order_adjustments": []
        }
        """;

    [Fact]
    public void RefundsCreate_InTheCustomersCurrency_IsBookedInTheShopsAtTheRefundsOwnRate()
    {
        using var document = JsonDocument.Parse(RefundInTheCustomersCurrency);

        var refund = Assert.Single(Read("refunds/create", document.RootElement).Refunds);

        // 99.36 EUR at the refund's 108.00 USD / 99.36 EUR is the 108.00 USD the parts state.
        Assert.Equal((108.00m, "USD"), (refund.Amount, refund.Currency));
        Assert.Equal(8.00m, refund.Tax);
        Assert.Equal(100.00m, Assert.Single(refund.Lines).Amount);
    }

    [Fact]
    public void RefundsCreate_PartOfTheMoneyInTheCustomersCurrency_IsConvertedAtTheSameRate()
    {
        using var document = JsonDocument.Parse(RefundInTheCustomersCurrency.Replace("\"99.36\"", "\"49.68\"", StringComparison.Ordinal));

        var refund = Assert.Single(Read("refunds/create", document.RootElement).Refunds);

        Assert.Equal((54.00m, "USD"), (refund.Amount, refund.Currency));
    }

    [Fact]
    public void RefundsCreate_InTheCustomersCurrencyWithNothingToConvertWith_FailsNamingTheCurrency()
    {
        using var document = JsonDocument.Parse(RefundInTheCustomersCurrency.Replace("\"currency\": \"EUR\"", "\"currency\": \"GBP\"", StringComparison.Ordinal));

        var result = Deliver("refunds/create", document.RootElement);

        Assert.Null(result.Event);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("transactions[].currency", problem.Field);
        Assert.Contains("USD", problem.Message);
    }

    [Fact]
    public void RefundsCreate_TransactionStillPending_IsNoMoney()
    {
        using var document = JsonDocument.Parse(RefundWithShipping.Replace("\"status\": \"success\"", "\"status\": \"pending\"", StringComparison.Ordinal));

        var read = Read("refunds/create", document.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("refund:929361470", read.Subject.Key);
        Assert.Contains("pending", read.IgnoredBecause);
    }

    [Fact]
    public void RefundsCreate_NoOrderId_FailsNamingTheField()
    {
        using var document = JsonDocument.Parse("""{ "id": 1, "transactions": [] }""");

        var result = Deliver("refunds/create", document.RootElement);

        Assert.Null(result.Event);
        Assert.Equal("order_id", Assert.Single(result.Problems).Field);
    }

    // The refund Shopify makes when an order paid 100.00 of is cancelled and the deposit refunded: the line cancelled and
    // restocked with its whole subtotal and tax, the deposit as the money, and the rest a refund_discrepancy stating no tax.
    private const string DepositRefundOfACancelledOrder = """
        {
          "id": "7321", "order_id": "7320", "created_at": "2024-10-05T21:30:00-05:00", "note": "Order cancelled", "restock": true,
          "refund_line_items": [
            { "id": "73210", "quantity": 3, "line_item_id": "466157049", "restock_type": "cancel", "subtotal": "224.97", "total_tax": "29.25",
              "line_item": { "id": "466157049", "name": "IPod Nano - 8gb", "price": "74.99", "quantity": 3, "taxable": true, "gift_card": false } }
          ],
          "transactions": [
            { "id": "73212", "order_id": "7320", "kind": "refund", "gateway": "shopify_payments", "status": "success", "amount": "100.00", "currency": "CAD" }
          ],
          "order_adjustments": [
            { "id": "73222", "order_id": "7320", "refund_id": "7321", "amount": "154.22", "tax_amount": "0.00", "kind": "refund_discrepancy", "reason": "Refund discrepancy" }
          ]
        }
        """;

    [Fact]
    public void RefundsCreate_LinesBeyondTheMoneyWithADiscrepancy_ListsMoreThanItsMoney()
    {
        using var body = JsonDocument.Parse(DepositRefundOfACancelledOrder);

        var refund = Assert.Single(Read("refunds/create", body.RootElement).Refunds);

        Assert.Equal((100.00m, 224.97m), (refund.Amount, Assert.Single(refund.Lines).Amount));
        Assert.True(refund.ListsMoreThanItsMoney(pricesIncludeTax: false));
        var alone = refund.AsItsMoneyAlone();
        Assert.Equal((100.00m, true), (alone.Amount, alone.StatesOnlyItsAmount));
    }

    [Fact]
    public void RefundsCreate_LinesThatAddUpToTheMoney_DoNotListMoreThanIt()
    {
        using var body = JsonDocument.Parse(RefundWithShipping);

        Assert.False(Assert.Single(Read("refunds/create", body.RootElement).Refunds).ListsMoreThanItsMoney(pricesIncludeTax: false));
    }

    // A return of two mugs at 60.00 in a shop whose prices include VAT (taxes_included): the subtotal 120.00 holds the
    // 20.00 of VAT, and 120.00 goes back. The refund records a discrepancy of nothing (the adjustment is Shopify's to add).
    private const string TaxInclusiveReturn = """
        {
          "id": "7331", "order_id": "7330", "created_at": "2024-10-05T10:00:00+01:00", "note": "Returned",
          "refund_line_items": [
            { "id": "73310", "quantity": 2, "line_item_id": "466157050", "restock_type": "return", "subtotal": "120.00", "total_tax": "20.00",
              "line_item": { "id": "466157050", "name": "Mug", "price": "60.00", "quantity": 2, "taxable": true, "gift_card": false } }
          ],
          "transactions": [
            { "id": "73312", "order_id": "7330", "kind": "refund", "gateway": "shopify_payments", "status": "success", "amount": "120.00", "currency": "GBP" }
          ],
          "order_adjustments": [
            { "id": "73322", "order_id": "7330", "refund_id": "7331", "amount": "0.00", "tax_amount": "0.00", "kind": "refund_discrepancy", "reason": "Refund discrepancy" }
          ]
        }
        """;

    [Fact]
    public void RefundsCreate_TaxInclusiveLinesOfExactlyTheMoney_DoNotListMoreThanIt_TheirTaxNotCountedTwice()
    {
        using var body = JsonDocument.Parse(TaxInclusiveReturn);

        var refund = Assert.Single(Read("refunds/create", body.RootElement).Refunds);

        Assert.Equal((120.00m, 120.00m, 20.00m), (refund.Amount, Assert.Single(refund.Lines).Amount, refund.Lines[0].Tax));
        Assert.False(refund.ListsMoreThanItsMoney(pricesIncludeTax: true));
    }

    [Fact]
    public void RefundsCreate_TaxExclusiveLinesAndTaxOfExactlyTheMoney_DoNotListMoreThanIt_AndBeyondItDo()
    {
        // The same return where prices are before tax: 100.00 of mugs and 20.00 of VAT come to the 120.00 that went back.
        using var exact = JsonDocument.Parse(TaxInclusiveReturn.Replace("\"subtotal\": \"120.00\"", "\"subtotal\": \"100.00\"", StringComparison.Ordinal)
            .Replace("\"price\": \"60.00\"", "\"price\": \"50.00\"", StringComparison.Ordinal));
        using var deposit = JsonDocument.Parse(DepositRefundOfACancelledOrder);

        var exactRefund = Assert.Single(Read("refunds/create", exact.RootElement).Refunds);
        var depositRefund = Assert.Single(Read("refunds/create", deposit.RootElement).Refunds);

        Assert.False(exactRefund.ListsMoreThanItsMoney(pricesIncludeTax: false));
        // An order cancelled after its deposit lists more than the deposit however its prices are stated.
        Assert.True(depositRefund.ListsMoreThanItsMoney(pricesIncludeTax: false));
        Assert.True(depositRefund.ListsMoreThanItsMoney(pricesIncludeTax: true));
    }
}
