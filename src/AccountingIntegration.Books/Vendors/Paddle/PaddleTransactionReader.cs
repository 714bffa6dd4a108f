using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>
/// transaction.completed: the sale, paid. Paddle sends transaction.paid first and transaction.completed once
/// it has recorded the payment, fees and invoice number
/// (https://developer.paddle.com/webhooks/transactions/transaction-completed), so the sale is booked once,
/// from completed. The totals are the customer's (<c>details.totals</c>); Paddle's <c>fee</c> and
/// <c>earnings</c> are what the seller keeps, not what was sold, and only the fee is carried, as the payment's.
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

        var lineItems = transaction.Array("details.line_items").ToList();
        var pricesIncludeTax = lineItems.Count > 0 && lineItems.All(line => PaddleLine.TaxModeOf(line, transaction) == "internal");
        var payment = transaction.Array("payments").Where(attempt => attempt.Text("status") == "captured").Select(attempt => (JsonElement?)attempt).FirstOrDefault();
        var customer = new Party { ExternalId = transaction.Text("customer_id") };
        var sale = new Sale
        {
            Currency = currency,
            Date = transaction.Date("billed_at") ?? paddle.OccurredAt ?? transaction.Date("created_at") ?? default,
            Number = transaction.Text("invoice_number"),
            Customer = customer,
            Lines = [.. lineItems.Select(line => PaddleLine.Read(line, transaction, currency, pricesIncludeTax))],

            // A credit was granted earlier by a credit adjustment, which moved no money and was not booked;
            // spent here, it lowers what this sale brings in, as a discount does.
            OrderDiscount = credit,
            Taxes = Taxes(transaction, currency, Totals("tax")),
            PricesIncludeTax = pricesIncludeTax,
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
    /// Tax by rate from <c>details.tax_rates_used</c>; when those do not add up to the transaction's tax,
    /// the transaction's own total tax, unnamed.
    /// </summary>
    private static IReadOnlyList<TaxLine> Taxes(JsonElement transaction, string currency, decimal totalTax)
    {
        var byRate = transaction.Array("details.tax_rates_used")
            .Select(used => (Rate: used.Decimal("tax_rate"), Amount: Money.FromMinorUnits(used.Long("totals.tax") ?? 0, currency)))
            .Where(used => used.Amount != 0)
            .Select(used => new TaxLine(used.Rate is { } rate ? $"Tax {(rate * 100m).ToString("0.####", CultureInfo.InvariantCulture)}%" : "Tax", used.Rate, used.Amount))
            .ToList();

        if (byRate.Sum(tax => tax.Amount) == totalTax)
        {
            return byRate;
        }

        return totalTax == 0 ? [] : [new TaxLine("Tax", null, totalTax)];
    }
}
