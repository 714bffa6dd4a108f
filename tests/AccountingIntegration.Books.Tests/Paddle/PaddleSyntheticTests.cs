using AccountingIntegration.Books.Vendors.Paddle;
using static AccountingIntegration.Books.Tests.Paddle.PaddleTestReading;

namespace AccountingIntegration.Books.Tests.Paddle;

/// <summary>
/// Cases the fixtures lack. Bodies are written for these tests from Paddle's documented entities: the
/// Adjustment (https://developer.paddle.com/api-reference/adjustments/overview, approved by
/// adjustment.updated: https://developer.paddle.com/webhooks/adjustments/adjustment-updated) and the
/// Transaction (https://developer.paddle.com/api-reference/transactions/overview), whose subtotal is before
/// tax even for tax-inclusive prices (https://developer.paddle.com/changelog/2025/automatic-tax-inclusive-exclusive-prices)
/// and whose grand_total is the total less credit
/// (https://developer.paddle.com/changelog/2023/transaction-totals-adjusted-totals).
/// </summary>
public sealed class PaddleSyntheticTests
{
    // The fixture's partial refund after Paddle approved it: adjustment.updated, status approved.
    private const string ApprovedRefund = """
        {
          "event_id": "evt_01h8c7f4kq2m3n4p5r6s7t8v9w",
          "event_type": "adjustment.updated",
          "occurred_at": "2023-08-21T14:18:02.114327Z",
          "notification_id": "ntf_01h8c7f4n0x1y2z3a4b5c6d7e8",
          "data": {
            "id": "adj_01h8c6tbrkpdd7vx61w7b1r0ap",
            "items": [ { "id": "adjitm_01h8c6tbrkpdd7vx61w86e52t8", "type": "partial", "amount": "100", "totals": { "tax": "8", "total": "100", "subtotal": "92" }, "item_id": "txnitm_01h8bxryv3065dyh6103p3yg28", "proration": null } ],
            "action": "refund",
            "type": "partial",
            "reason": "error",
            "status": "approved",
            "totals": { "fee": "5", "tax": "8", "total": "100", "earnings": "87", "subtotal": "92", "currency_code": "USD", "retained_fee": "2" },
            "created_at": "2023-08-21T14:08:43.297512Z",
            "updated_at": "2023-08-21T14:18:01.972111Z",
            "customer_id": "ctm_01h8441jn5pcwrfhwh78jqt8hk",
            "currency_code": "USD",
            "transaction_id": "txn_01h8bxpvx398a7zbawb77y0kp5",
            "subscription_id": "sub_01h8bxswamxysj44zt5n48njwh",
            "credit_applied_to_balance": null
          }
        }
        """;

    // Two 10.00 tax-inclusive seats (EUR, 19% VAT) with a 10% discount: the customer paid 18.00, of which
    // 2.87 is VAT. Paddle states the subtotal (16.81) and the discount (1.68) before tax.
    private const string TaxInclusiveCompleted = """
        {
          "event_id": "evt_01j9incl0000000000000000001",
          "event_type": "transaction.completed",
          "occurred_at": "2024-10-01T09:00:05.000000Z",
          "notification_id": "ntf_01j9incl0000000000000000001",
          "data": {
            "id": "txn_01j9inclusive000000000000001",
            "status": "completed",
            "customer_id": "ctm_01j9inclusivecustomer00001",
            "currency_code": "EUR",
            "invoice_number": "325-10077",
            "billed_at": "2024-10-01T09:00:01.000000Z",
            "created_at": "2024-10-01T08:59:00.000000Z",
            "items": [
              { "price": { "id": "pri_01j9seat00000000000000001", "name": "Seat", "description": "Monthly seat", "tax_mode": "internal", "product_id": "pro_01j9seat0000000000000001", "unit_price": { "amount": "1000", "currency_code": "EUR" } }, "quantity": 2 }
            ],
            "details": {
              "totals": { "subtotal": "1681", "discount": "168", "tax": "287", "total": "1800", "credit": "0", "balance": "0", "grand_total": "1800", "fee": "140", "earnings": "1373", "currency_code": "EUR" },
              "tax_rates_used": [ { "tax_rate": "0.19", "totals": { "subtotal": "1681", "discount": "168", "tax": "287", "total": "1800" } } ],
              "line_items": [
                {
                  "id": "txnitm_01j9seat00000000000000001",
                  "price_id": "pri_01j9seat00000000000000001",
                  "quantity": 2,
                  "tax_rate": "0.19",
                  "unit_totals": { "subtotal": "840", "discount": "84", "tax": "144", "total": "900" },
                  "totals": { "subtotal": "1681", "discount": "168", "tax": "287", "total": "1800" },
                  "product": { "id": "pro_01j9seat0000000000000001", "name": "Team plan" }
                }
              ]
            },
            "payments": [ { "amount": "1800", "status": "captured", "captured_at": "2024-10-01T09:00:03.000000Z", "payment_attempt_id": "5d0c4b6e-7d77-4c4e-9b1e-6a9a3c2f0e11", "method_details": { "type": "paypal" } } ]
          }
        }
        """;

    [Fact]
    public void AdjustmentUpdated_ApprovedRefund_IsARefundOfTheTransaction()
    {
        var adjustment = DataOf(ApprovedRefund);

        var read = Read(ApprovedRefund);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("adjustment:adj_01h8c6tbrkpdd7vx61w7b1r0ap", read.Subject.Key);
        Assert.Equal($"transaction:{adjustment.GetProperty("transaction_id").GetString()}", read.Original!.Key);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal(adjustment.GetProperty("id").GetString(), refund.RefundId);
        Assert.Equal(Minor(adjustment, "totals.total"), refund.Amount);
        Assert.Equal("USD", refund.Currency);
        Assert.Equal(new DateOnly(2023, 8, 21), refund.Date);
        Assert.Equal("error", refund.Reason);

        // A partial refund: its money net of tax, out of scope, and the tax Paddle gives back as the merchant of record.
        Assert.Equal(0m, refund.Tax);
        Assert.Collection(refund.Lines,
            net => Assert.True(net is { Amount: 0.92m, OutOfScope: true, IsMerchantOfRecordTax: false }),
            tax => Assert.True(tax is { Amount: 0.08m, IsMerchantOfRecordTax: true }));
    }

    [Fact]
    public void AdjustmentUpdated_ApprovedFullRefund_StatesOnlyItsAmount_SoTheSaleIsBookedBack()
    {
        var full = ApprovedRefund.Replace("\"type\": \"partial\"", "\"type\": \"full\"", StringComparison.Ordinal);

        var refund = Assert.Single(Read(full).Refunds);

        Assert.True(refund.StatesOnlyItsAmount);
        Assert.Equal(1.00m, refund.Amount);
    }

    [Fact]
    public void AdjustmentCreated_ApprovedWithGoZeroUpdatedAt_IsDatedWhenCreated()
    {
        var createdApproved = ApprovedRefund
            .Replace("\"adjustment.updated\"", "\"adjustment.created\"", StringComparison.Ordinal)
            .Replace("\"2023-08-21T14:18:01.972111Z\"", "\"0001-01-01T00:00:00Z\"", StringComparison.Ordinal);

        var refund = Assert.Single(Read(createdApproved).Refunds);

        Assert.Equal(new DateOnly(2023, 8, 21), refund.Date);
    }

    [Fact]
    public void AdjustmentUpdated_Rejected_MovesNoMoney()
    {
        var rejected = ApprovedRefund.Replace("\"status\": \"approved\"", "\"status\": \"rejected\"", StringComparison.Ordinal);

        var read = Read(rejected);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("rejected", read.IgnoredBecause);
    }

    [Fact]
    public void AdjustmentCreated_Chargeback_IsMoneyBackToTheCustomer()
    {
        var chargeback = ApprovedRefund
            .Replace("\"action\": \"refund\"", "\"action\": \"chargeback\"", StringComparison.Ordinal)
            .Replace("\"adjustment.updated\"", "\"adjustment.created\"", StringComparison.Ordinal);

        var read = Read(chargeback);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("Chargeback", Assert.Single(read.Refunds).Reason);
    }

    /// <summary>
    /// Paddle contested the chargeback and won: the reversal is the chargeback's money coming back, in part its money net of
    /// tax and Paddle's tax on their lines, as a refund in part is.
    /// </summary>
    [Fact]
    public void AdjustmentCreated_ChargebackReversed_IsTheMoneyComingBack()
    {
        var reversed = ApprovedRefund
            .Replace("\"action\": \"refund\"", "\"action\": \"chargeback_reverse\"", StringComparison.Ordinal)
            .Replace("\"adjustment.updated\"", "\"adjustment.created\"", StringComparison.Ordinal);

        var read = Read(reversed);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        var refund = Assert.Single(read.Refunds);
        Assert.True(refund.Reinstated);
        Assert.Equal("Chargeback reversed, funds returned", refund.Reason);
        Assert.Collection(refund.Lines,
            net => Assert.True(net is { Description: "Chargeback reversed", Amount: 0.92m, OutOfScope: true }),
            tax => Assert.True(tax is { Amount: 0.08m, IsMerchantOfRecordTax: true }));
    }

    [Fact]
    public void AdjustmentCreated_Credit_MovesNoMoney()
    {
        var credit = ApprovedRefund.Replace("\"action\": \"refund\"", "\"action\": \"credit\"", StringComparison.Ordinal);

        Assert.Equal(EventMeaning.NoMoney, Read(credit).Meaning);
    }

    [Fact]
    public void TransactionCompleted_TaxInclusivePrices_BooksTheLinesNet_AndPaddlesVatApart()
    {
        var transaction = DataOf(TaxInclusiveCompleted);

        var read = Read(TaxInclusiveCompleted);

        var sale = read.Sale!;
        Assert.False(sale.PricesIncludeTax);
        Assert.Equal("EUR", sale.Currency);
        Assert.Equal(Minor(transaction, "details.totals.grand_total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(2, sale.Lines.Count);
        var (seats, vat) = (sale.Lines[0], sale.Lines[1]);
        var lineItem = transaction.GetProperty("details").GetProperty("line_items")[0];
        Assert.Equal((Minor(lineItem, "unit_totals.subtotal"), Minor(lineItem, "totals.subtotal"), Minor(lineItem, "totals.discount")), (seats.UnitPrice, seats.Amount, seats.Discount));
        Assert.True(seats is { OutOfScope: true, Tax: 0m });
        Assert.True(vat.IsMerchantOfRecordTax);
        Assert.Equal(Minor(transaction, "details.totals.tax"), vat.Amount);
        Assert.Equal(0m, sale.TaxTotal);
        Assert.Equal("325-10077", sale.Number);
        Assert.Equal("paypal", read.Payment!.Method);
    }

    [Fact]
    public void TransactionCompleted_WithCredit_TheCreditLowersTheSaleToTheGrandTotal()
    {
        // 100.00 of the customer's credit balance paid part of the fixture's transaction.
        var withCredit = Fixture("transaction.completed.json")
            .Replace("\"credit\": \"0\"", "\"credit\": \"10000\"", StringComparison.Ordinal)
            .Replace("\"grand_total\": \"65215\"", "\"grand_total\": \"55215\"", StringComparison.Ordinal);
        var transaction = DataOf(withCredit);

        var read = Read(withCredit);

        var sale = read.Sale!;
        Assert.Equal(Minor(transaction, "details.totals.grand_total"), sale.Total);
        Assert.Equal(Minor(transaction, "details.totals.credit"), sale.OrderDiscount);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(sale.Total, read.Paid);
    }

    [Fact]
    public void TransactionCompleted_WithoutTotals_FailsNamingTheField()
    {
        var broken = TaxInclusiveCompleted.Replace("\"totals\": { \"subtotal\": \"1681\", \"discount\": \"168\", \"tax\": \"287\", \"total\": \"1800\", \"credit\"", "\"totals\": { \"credit\"", StringComparison.Ordinal);

        var result = ReadResult(broken);

        Assert.Null(result.Event);
        Assert.Equal("data.details.totals.total", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Read_UnknownEvent_MovesNoMoneyAndSaysSo()
    {
        var read = Read("""{ "event_id": "evt_1", "event_type": "payout.paid", "data": { "id": "payout_1" } }""");

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("payout.paid is not an event the books use", read.IgnoredBecause);
    }

    [Fact]
    public void VendorAdapters_ForPaddle_IsThePaddleAdapter() =>
        Assert.IsType<PaddleAdapter>(VendorAdapters.For("paddle"));

    [Fact]
    public void KnownEvents_EachNamedOnce()
    {
        var known = new PaddleAdapter().KnownEvents;

        Assert.Equal(known.Count, known.Select(e => e.EventType).Distinct().Count());
        Assert.Contains(known, e => e.EventType == "transaction.completed" && e.Meaning == EventMeaning.Sale);
    }
}
