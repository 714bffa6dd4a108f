namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// PAYMENT.CAPTURE.COMPLETED (Orders v2): money captured. Nothing else a PayPal source receives books the
/// sale (CHECKOUT.ORDER.* carry no settled money), so the capture is both the sale and its payment, booked
/// once under the capture's id at the gross amount. PayPal's fee (<c>seller_receivable_breakdown.paypal_fee</c>)
/// is what PayPal kept, an expense on the payment, not a reduction of the sale
/// (https://developer.paypal.com/docs/api/payments/v2/#captures_get).
/// </summary>
internal static class PayPalCaptureReader
{
    public static AdapterResult Completed(PayPalNotification paypal)
    {
        var capture = paypal.Resource;
        if (capture.Text("status") is { } status && status != "COMPLETED")
        {
            return paypal.NoMoney($"the capture is {status}: no money settled yet");
        }

        if (!paypal.TryRequire("id", out var id, out var failure)
            || !paypal.TryRequire("amount.currency_code", out var currency, out failure)
            || !paypal.TryRequireAmount("amount.value", out var gross, out failure))
        {
            return failure;
        }

        // The order or authorization the capture belongs to: later events and the order name it that way. An order or an
        // authorization may be captured in parts (final_capture false), each capture a sale of its own, so the names are shared.
        var orderId = capture.Text("supplementary_data.related_ids.order_id") ?? capture.IdFromLink("up", "/checkout/orders/");
        var authorizationId = capture.Text("supplementary_data.related_ids.authorization_id") ?? capture.IdFromLink("up", "/payments/authorizations/");
        var sharedNames = new[]
        {
            orderId is null ? null : new SourceObject("order", orderId),
            authorizationId is null ? null : new SourceObject("authorization", authorizationId),
        }.OfType<SourceObject>().ToList();

        // A fee in another currency (a converted payment) is not in the sale's currency and is left out.
        var fee = capture.Text("seller_receivable_breakdown.paypal_fee.currency_code") == currency
            ? capture.Decimal("seller_receivable_breakdown.paypal_fee.value") ?? 0m
            : 0m;
        var date = paypal.ResourceDate ?? default;
        var description = orderId is null ? $"PayPal capture {id}" : $"PayPal order {orderId}";
        return AdapterResult.Of(paypal.Describe(EventMeaning.Sale, new SourceObject("capture", id)) with
        {
            SharedNames = sharedNames,
            Sale = new Sale
            {
                Currency = currency.ToUpperInvariant(),
                Date = date,
                Number = capture.Text("invoice_id"),
                Customer = new Party(),
                Lines = [new SaleLine { Description = description, Quantity = 1, UnitPrice = gross, Amount = gross, Taxable = false }],
                Total = gross,
                TaxNotStated = true,
                // Returned when the capture was credited to the seller's account in another currency: receivable = net × rate.
                ConvertedAt = PayPalExchangeRate.Of(capture.At("seller_receivable_breakdown.exchange_rate"), currency),
                // The merchant's own id for reconciling (PayPal, Orders v2: "API caller-provided external ID"), not for the buyer.
                Reference = capture.Text("custom_id"),
            },
            Paid = gross,
            Payment = new PaymentInfo
            {
                Amount = gross,
                Currency = currency.ToUpperInvariant(),
                Date = date,
                Reference = id,
                Fee = fee,
                Method = "paypal",
            },
        });
    }
}
