using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// PAYMENT.SALE.COMPLETED, a v1 sale settled. PayPal Subscriptions send it for every subscription payment
/// ("A payment is made on a subscription", https://developer.paypal.com/docs/subscriptions/webhooks), naming
/// the subscription in <c>billing_agreement_id</c>; nothing else carries those payments, so such a sale is
/// booked here, paid, under the sale's id. A sale without one belongs to a v1 checkout payment, whose
/// PAYMENTS.PAYMENT.CREATED books the sale with its items, and its payment when the sale had completed by then; one
/// still pending then (an eCheck, a payment held for review: PAYMENT.SALE.PENDING) settles here, as a payment applied
/// to that invoice. PayPal repeats the event when a held payment is released; the sale's id stays the same.
/// </summary>
internal static class PayPalSaleReader
{
    public static AdapterResult Completed(PayPalNotification paypal)
    {
        var sale = paypal.Resource;
        var subscription = sale.Text("billing_agreement_id");
        var parent = sale.Text("parent_payment");
        if (subscription is null && parent is null)
        {
            return paypal.NoMoney("a checkout sale is booked from PAYMENTS.PAYMENT.CREATED, which carries its items");
        }

        if (sale.Text("state") is { } state && state != "completed")
        {
            return paypal.NoMoney($"the sale is {state}: no money settled yet");
        }

        if (!paypal.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (sale.At("amount") is not { } amountElement || PayPalV1Amount.Read(amountElement) is not { } amount)
        {
            return PayPalNotification.Missing("amount.total");
        }

        var payment = new PaymentInfo
        {
            Amount = amount.Total,
            Currency = amount.Currency,
            Date = paypal.ResourceDate ?? default,
            Reference = id,
            Fee = sale.Text("transaction_fee.currency")?.ToUpperInvariant() == amount.Currency ? sale.Decimal("transaction_fee.value") ?? 0m : 0m,
            Method = "paypal",
        };
        return subscription is null
            ? CheckoutSaleCompleted(paypal, id, parent!, payment)
            : SubscriptionSale(paypal, sale, subscription, id, amount, payment);
    }

    /// <summary>A subscription payment: a sale of one line, paid, under the sale's id.</summary>
    private static AdapterResult SubscriptionSale(PayPalNotification paypal, JsonElement sale, string subscription, string id, PayPalV1Amount amount,
        PaymentInfo payment)
    {
        // A subscription payment has no items; its subtotal (or, without details, the total) is one line.
        var itemAmount = amount.Subtotal != 0 ? amount.Subtotal : amount.Total - amount.Tax - amount.Fees.Sum(fee => fee.Amount) - (amount.Shipping?.Amount ?? 0);
        return AdapterResult.Of(paypal.Describe(EventMeaning.Sale, new SourceObject("sale", id)) with
        {
            // Every renewal names the subscription: a name the sales share, not another name of this one.
            SharedNames = [new SourceObject("subscription", subscription)],
            Sale = new Sale
            {
                Currency = amount.Currency,
                Date = payment.Date,
                Number = sale.Text("invoice_number"),
                Customer = new Party(),
                Lines = [new SaleLine { Description = $"PayPal subscription {subscription}", Quantity = 1, UnitPrice = itemAmount, Amount = itemAmount, Taxable = amount.Tax != 0 }],
                Shipping = amount.Shipping is null ? [] : [amount.Shipping],
                Fees = amount.Fees,
                OrderDiscount = amount.OrderDiscount,
                Taxes = amount.Taxes,
                Total = amount.Total,
                // "Free-form field for the use of clients only" (PayPal, Payments v1): the merchant's, not the buyer's.
                Reference = sale.Text("custom"),
            }.Reconciled(),
            Paid = amount.Total,
            Payment = payment,
        });
    }

    /// <summary>
    /// A checkout payment's sale settled: a payment of its amount applied to the invoice PAYMENTS.PAYMENT.CREATED booked.
    /// When that event found the sale completed already, it applied the payment itself, the invoice owes nothing, and
    /// nothing more is booked (a payment never takes more than the invoice still owes).
    /// </summary>
    private static AdapterResult CheckoutSaleCompleted(PayPalNotification paypal, string id, string parent, PaymentInfo payment) =>
        AdapterResult.Of(paypal.Describe(EventMeaning.Payment, new SourceObject("sale", id)) with
        {
            Original = new SourceObject("payment", parent),
            Paid = payment.Amount,
            Payment = payment,
        });
}
