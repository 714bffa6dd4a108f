using System.Text.Json;
using static AccountingIntegration.Books.Tests.Shopify.ShopifyDelivery;

namespace AccountingIntegration.Books.Tests.Shopify;

/// <summary>
/// Cases the published fixtures lack. Each body was written for this test from the REST Order resource's
/// documented fields (shopify.dev, Admin REST API 2024-10, Order: line_items[].discount_allocations,
/// line_items[].tax_lines, shipping_lines[].discounted_price and tax_lines, total_tip_received, taxes_included,
/// total_outstanding, current_* totals); only the fields the books read are kept.
/// </summary>
public sealed class ShopifySyntheticOrderTests
{
    // 2 shirts at 50.00 with 10.00 allocated from a code, a 25.00 gift card sold (not taxed), shipping
    // 10.00 taxed 0.60, a 5.00 tip; 6 % state tax = 5.40 on the shirts + 0.60 on shipping.
    private const string PaidOrderWithDiscountShippingTaxTipAndGiftCard = """
        {
          "id": 5550001, "name": "#2001", "email": "ana@example.com", "currency": "USD",
          "created_at": "2024-05-01T10:00:00-04:00", "processed_at": "2024-05-01T10:00:00-04:00",
          "financial_status": "paid", "test": false, "taxes_included": false,
          "subtotal_price": "115.00", "total_tax": "6.00", "total_tip_received": "5.00", "total_price": "136.00",
          "total_outstanding": "0.00", "total_discounts": "10.00",
          "payment_gateway_names": ["shopify_payments"],
          "discount_codes": [{ "code": "SPRING10", "amount": "10.00", "type": "fixed_amount" }],
          "line_items": [
            { "id": 1, "name": "Linen shirt", "sku": "LIN-1", "price": "50.00", "quantity": 2, "taxable": true, "gift_card": false, "product_id": 70,
              "discount_allocations": [{ "amount": "10.00", "discount_application_index": 0 }],
              "tax_lines": [{ "title": "State Tax", "rate": 0.06, "price": "5.40" }] },
            { "id": 2, "name": "Gift card", "price": "25.00", "quantity": 1, "taxable": false, "gift_card": true, "product_id": 71,
              "discount_allocations": [], "tax_lines": [] }
          ],
          "shipping_lines": [
            { "id": 3, "title": "Standard", "price": "10.00", "discounted_price": "10.00", "discount_allocations": [],
              "tax_lines": [{ "title": "State Tax", "rate": 0.06, "price": "0.60" }] }
          ],
          "tax_lines": [{ "title": "State Tax", "rate": 0.06, "price": "6.00" }],
          "customer": { "id": 9, "email": "ana@customer.example", "first_name": "Ana", "last_name": "Lima" },
          "billing_address": { "first_name": "Ana", "last_name": "Lima", "company": "Lima Studio", "address1": "1 Main St", "city": "Albany", "province_code": "NY", "zip": "12207", "country_code": "US" },
          "refunds": []
        }
        """;

    [Fact]
    public void OrdersPaid_DiscountShippingTaxTipAndGiftCardLine_AddsUpToTheTotal()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard);
        var order = document.RootElement;

        var read = Read("orders/paid", order);

        var sale = read.Sale!;
        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(Amount(order, "total_price"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Amount(order, "total_price"), read.Paid);
        var shirt = sale.Lines[0];
        Assert.Equal((100.00m, 10.00m, 5.40m, 0.06m), (shirt.Amount, shirt.Discount, shirt.Tax, shirt.TaxRate));
        var giftCard = sale.Lines[1];
        Assert.True(giftCard.IsGiftCard);
        Assert.False(giftCard.Taxable);
        var shipping = Assert.Single(sale.Shipping);
        Assert.Equal((10.00m, 0m, 0.60m), (shipping.Amount, shipping.Discount, shipping.Tax));
        var tip = Assert.Single(sale.Tips);
        Assert.Equal(Amount(order, "total_tip_received"), tip.Amount);
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        Assert.Equal(0m, sale.OrderDiscount);
        Assert.Empty(sale.Fees);
        Assert.Equal(0m, sale.GiftCards);
        // The order's e-mail wins over the customer record's; the company comes from the billing address.
        Assert.Equal(("ana@example.com", "Ana Lima", "Lima Studio", "9"), (sale.Customer.Email, sale.Customer.Name, sale.Customer.Company, sale.Customer.ExternalId));
        Assert.Equal("NY", sale.Customer.BillingAddress!.Region);
    }

    /// <summary>Shipping taxed by two jurisdictions (Quebec's GST and QST) is taxed at their rates together, as a line is.</summary>
    [Fact]
    public void OrdersPaid_ShippingTaxedByTwoJurisdictions_IsTaxedAtTheirCombinedRate()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard.Replace(
            "\"tax_lines\": [{ \"title\": \"State Tax\", \"rate\": 0.06, \"price\": \"0.60\" }] }",
            "\"tax_lines\": [{ \"title\": \"GST\", \"rate\": 0.05, \"price\": \"0.50\" }, { \"title\": \"QST\", \"rate\": 0.09975, \"price\": \"1.00\" }] }",
            StringComparison.Ordinal));

        var shipping = Assert.Single(Read("orders/paid", document.RootElement).Sale!.Shipping);

        Assert.Equal((1.50m, 0.14975m), (shipping.Tax, shipping.TaxRate));
    }

    [Fact]
    public void OrdersPaid_PaidOnlyThroughTheGiftCardGateway_IsPaidWhollyByGiftCard()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard.Replace("\"shopify_payments\"", "\"gift_card\"", StringComparison.Ordinal));

        var read = Read("orders/paid", document.RootElement);

        Assert.Equal(read.Paid, read.Sale!.GiftCards);
        Assert.Equal(read.Sale.Total, read.Sale.ComputedTotal);
    }

    [Fact]
    public void OrdersPaid_MixedTendersWithTransactions_TakesTheGiftCardPartFromThem()
    {
        var body = PaidOrderWithDiscountShippingTaxTipAndGiftCard.Replace(
            "\"refunds\": []",
            """
            "refunds": [],
            "transactions": [
              { "id": 1, "kind": "sale", "status": "success", "gateway": "gift_card", "amount": "30.00" },
              { "id": 2, "kind": "sale", "status": "success", "gateway": "shopify_payments", "amount": "106.00" },
              { "id": 3, "kind": "sale", "status": "failure", "gateway": "gift_card", "amount": "50.00" }
            ]
            """,
            StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);

        var read = Read("orders/paid", document.RootElement);

        Assert.Equal(30.00m, read.Sale!.GiftCards);
    }

    [Fact]
    public void OrdersPaid_TipSoldAsItsOwnLineItem_IsBookedOnceAsATip()
    {
        // GraphQL's TipSale points at a line item: a tip can sit in line_items with no product. Shopify's
        // subtotal leaves tips out, and total_tip_received already books it.
        var body = PaidOrderWithDiscountShippingTaxTipAndGiftCard.Replace(
            "\"line_items\": [",
            """
            "line_items": [
              { "id": 4, "title": "Tip", "name": "Tip", "price": "5.00", "quantity": 1, "taxable": false, "gift_card": false, "product_id": null, "discount_allocations": [], "tax_lines": [] },
            """,
            StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);

        var sale = Read("orders/paid", document.RootElement).Sale!;

        Assert.Equal(2, sale.Lines.Count);
        Assert.Equal(5.00m, Assert.Single(sale.Tips).Amount);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(0m, sale.OrderDiscount);
    }

    // A German shop pricing with VAT included: 119.00 gross holds 19.00 VAT, shipping 5.95 holds 0.95.
    // Placed half an hour after midnight Berlin time on 1 March (still 29 February in UTC).
    private const string TaxInclusiveEuOrder = """
        {
          "id": 5550002, "name": "#3001", "email": "max@example.de", "currency": "EUR",
          "created_at": "2024-03-01T00:30:00+01:00", "processed_at": "2024-03-01T00:30:00+01:00",
          "financial_status": "paid", "test": false, "taxes_included": true,
          "subtotal_price": "119.00", "total_tax": "19.95", "total_price": "124.95", "total_outstanding": "0.00",
          "line_items": [
            { "id": 1, "name": "Kaffeemühle", "sku": "KM-1", "price": "119.00", "quantity": 1, "taxable": true, "gift_card": false, "product_id": 80,
              "discount_allocations": [], "tax_lines": [{ "title": "DE MwSt", "rate": 0.19, "price": "19.00" }] }
          ],
          "shipping_lines": [
            { "id": 2, "title": "DHL", "price": "5.95", "discounted_price": "5.95", "discount_allocations": [],
              "tax_lines": [{ "title": "DE MwSt", "rate": 0.19, "price": "0.95" }] }
          ],
          "tax_lines": [{ "title": "DE MwSt", "rate": 0.19, "price": "19.95" }],
          "refunds": []
        }
        """;

    [Fact]
    public void OrdersPaid_TaxInclusiveEuOrder_KeepsGrossAmountsAndTheShopsDate()
    {
        using var document = JsonDocument.Parse(TaxInclusiveEuOrder);
        var order = document.RootElement;

        var sale = Read("orders/paid", order).Sale!;

        Assert.True(sale.PricesIncludeTax);
        Assert.Equal("EUR", sale.Currency);
        Assert.Equal(Amount(order, "total_price"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Amount(order, "subtotal_price"), Assert.Single(sale.Lines).Amount);
        Assert.Equal(5.95m, Assert.Single(sale.Shipping).Amount);
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        Assert.Equal(new DateOnly(2024, 3, 1), sale.Date);
    }

    // Placed as 3 mugs at 12.00, then edited down to 2 before payment: current_* carry the edited totals.
    private const string EditedOrder = """
        {
          "id": 5550003, "name": "#4001", "currency": "USD", "created_at": "2024-06-10T09:00:00-07:00",
          "financial_status": "pending", "test": false, "taxes_included": false,
          "subtotal_price": "36.00", "total_tax": "0.00", "total_price": "36.00",
          "current_subtotal_price": "24.00", "current_total_tax": "0.00", "current_total_price": "24.00",
          "total_outstanding": "24.00",
          "line_items": [
            { "id": 1, "name": "Mug", "price": "12.00", "quantity": 3, "current_quantity": 2, "taxable": true, "product_id": 90,
              "discount_allocations": [], "tax_lines": [] }
          ],
          "shipping_lines": [], "tax_lines": [], "refunds": []
        }
        """;

    [Fact]
    public void OrdersUpdated_EditedOrder_IsTheSaleAtItsCurrentTotals()
    {
        using var document = JsonDocument.Parse(EditedOrder);
        var order = document.RootElement;

        var read = Read("orders/updated", order);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(Amount(order, "current_total_price"), read.Sale!.Total);
        Assert.Equal(2m, Assert.Single(read.Sale.Lines).Quantity);
        Assert.Equal(read.Sale.Total, read.Sale.ComputedTotal);
        Assert.Equal(Amount(order, "current_total_price") - Amount(order, "total_outstanding"), read.Paid);
        Assert.True(read.Edited);
    }

    [Fact]
    public void OrdersUpdated_PartiallyPaidOrder_IsTheSaleWithWhatWasPaid()
    {
        using var document = JsonDocument.Parse(EditedOrder
            .Replace("\"current_quantity\": 2", "\"current_quantity\": 3", StringComparison.Ordinal)
            .Replace("\"24.00\"", "\"36.00\"", StringComparison.Ordinal)
            .Replace("\"total_outstanding\": \"36.00\"", "\"total_outstanding\": \"16.00\"", StringComparison.Ordinal)
            .Replace("\"pending\"", "\"partially_paid\"", StringComparison.Ordinal));

        var read = Read("orders/updated", document.RootElement);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(20.00m, read.Paid);
    }

    [Fact]
    public void OrdersUpdated_NothingTheBooksHoldChanged_IsNoMoney()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard);

        var read = Read("orders/updated", document.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("order:5550001", read.Subject.Key);
        Assert.False(string.IsNullOrWhiteSpace(read.IgnoredBecause));
    }

    /// <summary>
    /// Paid or not, a cancelled order is a cancellation: the books, not the body, know what its invoice still owes (a
    /// refunded order may have been paid in part). It is dated the day it was cancelled, in the shop's offset.
    /// </summary>
    [Fact]
    public void OrdersCancelled_AfterPayment_IsACancellationOnTheDayItWasCancelled()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard
            .Replace("\"financial_status\": \"paid\"", "\"financial_status\": \"refunded\", \"cancelled_at\": \"2024-05-02T22:00:00-04:00\"", StringComparison.Ordinal));

        var read = Read("orders/cancelled", document.RootElement);

        Assert.Equal(EventMeaning.Cancellation, read.Meaning);
        Assert.Equal(read.Subject, read.Original);
        Assert.Equal(new DateOnly(2024, 5, 2), read.CancelledOn);
    }

    [Fact]
    public void OrdersCreate_PendingManualPayment_IsAnUnpaidSale()
    {
        using var document = JsonDocument.Parse(EditedOrder.Replace("\"current_quantity\": 2", "\"current_quantity\": 3", StringComparison.Ordinal)
            .Replace("\"24.00\"", "\"36.00\"", StringComparison.Ordinal));

        var read = Read("orders/create", document.RootElement);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(36.00m, read.Sale!.Total);
        Assert.Equal(0m, read.Paid);
        Assert.False(read.Edited);
    }

    /// <summary>
    /// An order sold through Managed Markets names its merchant of record's app: the sale says so, and its 8.00 of duties are
    /// stated as duties, which that seller collects for itself; the parts still come to the total.
    /// </summary>
    [Fact]
    public void OrdersPaid_ThroughManagedMarkets_IsSoldThroughAMerchantOfRecord_WithItsDuties()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard
            .Replace("\"total_price\": \"136.00\"", "\"total_price\": \"144.00\", \"merchant_of_record_app_id\": 3890849, "
                + "\"original_total_duties_set\": { \"shop_money\": { \"amount\": \"8.00\", \"currency_code\": \"USD\" } }", StringComparison.Ordinal));

        var sale = Read("orders/paid", document.RootElement).Sale!;

        Assert.True(sale.SoldThroughMerchantOfRecord);
        var duties = Assert.Single(sale.Fees);
        Assert.Equal((8.00m, true), (duties.Amount, duties.IsDuties));
        Assert.Equal((144.00m, 144.00m), (sale.Total, sale.ComputedTotal));
        Assert.Equal(0m, sale.OrderDiscount);
    }

    /// <summary>
    /// A marketplace channel that remits the tax marks each tax line <c>channel_liable</c>: all of them, and the sale is the
    /// channel's to tax, as a merchant of record's is; some of them, and it is the company's, with a note of the part it is not.
    /// </summary>
    [Fact]
    public void OrdersPaid_TaxTheChannelRemits_AllOfIt_IsSoldThroughAMerchantOfRecord_PartOfIt_IsNoted()
    {
        var all = PaidOrderWithDiscountShippingTaxTipAndGiftCard.Replace("\"rate\": 0.06,", "\"rate\": 0.06, \"channel_liable\": true,", StringComparison.Ordinal);
        var part = ReplaceFirst(all, "\"channel_liable\": true,", "\"channel_liable\": false,");
        using var allDocument = JsonDocument.Parse(all);
        using var partDocument = JsonDocument.Parse(part);

        var whole = Read("orders/paid", allDocument.RootElement).Sale!;
        var shared = Read("orders/paid", partDocument.RootElement).Sale!;

        Assert.True(whole.SoldThroughMerchantOfRecord);
        Assert.DoesNotContain(whole.Notes, note => note.StartsWith("CHANNEL_LIABLE_TAX", StringComparison.Ordinal));
        Assert.False(shared.SoldThroughMerchantOfRecord);
        Assert.Contains(shared.Notes, note => note.StartsWith("CHANNEL_LIABLE_TAX", StringComparison.Ordinal));
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    [Fact]
    public void OrdersPaid_OfTheShopItself_IsNotSoldThroughAMerchantOfRecord()
    {
        using var document = JsonDocument.Parse(PaidOrderWithDiscountShippingTaxTipAndGiftCard.Replace("\"refunds\": []", "\"refunds\": [], \"merchant_of_record_app_id\": null", StringComparison.Ordinal));

        Assert.False(Read("orders/paid", document.RootElement).Sale!.SoldThroughMerchantOfRecord);
    }
}
