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
}
