using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>
/// transaction.completed: the sale, paid. Paddle sends transaction.paid first and transaction.completed once
/// it has recorded the payment, fees and invoice number
/// (https://developer.paddle.com/webhooks/transactions/transaction-completed), so the sale is booked once,
/// from completed. The totals are the customer's (<c>details.totals</c>); Paddle's <c>fee</c> and
/// <c>earnings</c> are what the seller keeps, not what was sold, and only the fee is carried, as the payment's.
/// Paddle is the merchant of record: the legal seller to the buyer, which takes on the sales tax and VAT ("The merchant of
/// record model", https://developer.paddle.com/partners/embed-billing/get-started/concepts), and shows it on the seller's
/// statement as "Sales Taxes Withheld" from the payout (Paddle Help Center, "Get paid": the seller statement). The tax is
/// not the company's to declare: the lines are booked net and out of scope of its tax return, and the tax on a line of its
/// own (<see cref="SaleLine.IsMerchantOfRecordTax"/>) to a clearing account that the payout's deposit empties. The sale
/// still comes to what the buyer paid.
/// </summary>
internal static class PaddleTransactionReader
{
    public static AdapterResult Completed(PaddleNotification paddle)
    {
        var transaction = paddle.Data;
        if (!paddle.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (paddle.Currency is not { } currency)
        {
            return PaddleNotification.Missing("currency_code");
        }

        if (!paddle.TryRequireAmount("details.totals.total", currency, out var total, out failure))
        {
            return failure;
        }

        decimal Totals(string name) => Money.FromMinorUnits(transaction.Long($"details.totals.{name}") ?? 0, currency);

        // grand_total is the total less credit from the customer's balance: what was charged.
        var credit = Totals("credit");
        var grandTotal = transaction.Long("details.totals.grand_total") is { } grand ? Money.FromMinorUnits(grand, currency) : total - credit;

        var tax = Totals("tax");
        var payment = transaction.Array("payments").Where(attempt => attempt.Text("status") == "captured").Select(attempt => (JsonElement?)attempt).FirstOrDefault();
        var customer = new Party { ExternalId = transaction.Text("customer_id") };
        var sale = new Sale
        {
            Currency = currency,
            Date = transaction.Date("billed_at") ?? paddle.OccurredAt ?? transaction.Date("created_at") ?? default,
            Number = transaction.Text("invoice_number"),
            Customer = customer,
            Lines =
            [
                .. transaction.Array("details.line_items").Select(line => PaddleLine.Read(line, transaction, currency)),
                .. tax == 0m ? [] : new[] { TaxCollected(transaction, tax) },
            ],

            // A credit was granted earlier by a credit adjustment, which moved no money and was not booked;
            // spent here, it lowers what this sale brings in, as a discount does.
            OrderDiscount = credit,
            SoldThroughMerchantOfRecord = true,
            Total = grandTotal,
            Memo = transaction.Text("billing_details.purchase_order_number") is { } purchaseOrder ? $"PO {purchaseOrder}" : null,
            // payout_totals are "in your payout currency", converted from the transaction's at their exchange_rate.
            ConvertedAt = Conversion.Of(currency, transaction.Text("details.payout_totals.currency_code"), transaction.Decimal("details.payout_totals.exchange_rate")),
        }.Reconciled();

        return AdapterResult.Of(paddle.Describe(EventMeaning.Sale, new SourceObject("transaction", id)) with
        {
            Sale = sale,
            Paid = grandTotal,
            Payment = new PaymentInfo
            {
                Amount = grandTotal,
                Currency = currency,
                Date = payment?.Date("captured_at") ?? sale.Date,
                Reference = payment?.Text("payment_attempt_id") ?? id,
                Method = payment?.Text("method_details.type"),
                Fee = Totals("fee"),
                Payer = customer,
            },
        });
    }

    /// <summary>
    /// The tax Paddle collected, as a line of its own: named with its rate where <c>details.tax_rates_used</c> names one.
    /// </summary>
    private static SaleLine TaxCollected(JsonElement transaction, decimal tax)
    {
        var rates = transaction.Array("details.tax_rates_used")
            .Where(used => used.Long("totals.tax") is not (null or 0))
            .Select(used => used.Decimal("tax_rate"))
            .OfType<decimal>()
            .Select(rate => (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%")
            .ToList();
        return PaddleLine.Tax("Tax collected by Paddle, merchant of record" + (rates.Count > 0 ? $" ({string.Join(", ", rates)})" : string.Empty), tax);
    }
}
