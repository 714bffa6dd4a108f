using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// Money back to the customer. PAYMENT.CAPTURE.REFUNDED carries the v2 Refund object: its own id, amount,
/// status and an <c>up</c> link to the capture it returns money from
/// (https://developer.paypal.com/docs/api/payments/v2/#refunds_get). PAYMENT.CAPTURE.REVERSED is PayPal
/// taking the money back itself (a chargeback or a reversal it decided); PayPal's sample body carries the
/// same refund-shaped resource (resource_type "refund", an <c>up</c> link to the capture), so it is read the
/// same way, as money out for the capture. The v1 PAYMENT.SALE.REFUNDED and PAYMENT.SALE.REVERSED carry a
/// v1 refund that names its <c>sale_id</c> and <c>parent_payment</c>, with the amount in <c>amount.total</c>
/// (https://developer.paypal.com/api/deprecated/payments/v1/definitions/refund-2; a sandbox delivery is in
/// pretix/pretix src/tests/plugins/paypal/test_webhook.py).
/// </summary>
internal static class PayPalRefundReader
{
    public static AdapterResult CaptureRefunded(PayPalNotification paypal) => CaptureMoneyBack(paypal, reason: null);

    public static AdapterResult CaptureReversed(PayPalNotification paypal) => CaptureMoneyBack(paypal, reason: "PayPal reversed the payment");

    public static AdapterResult SaleRefunded(PayPalNotification paypal) => SaleMoneyBack(paypal, reason: null);

    public static AdapterResult SaleReversed(PayPalNotification paypal) => SaleMoneyBack(paypal, reason: "PayPal reversed the payment");

    private static AdapterResult CaptureMoneyBack(PayPalNotification paypal, string? reason)
    {
        var refund = paypal.Resource;
        if (refund.Text("status") is { } status && status != "COMPLETED")
        {
            return paypal.NoMoney($"the refund is {status}: no money went back yet");
        }

        if (!paypal.TryRequire("id", out var id, out var failure)
            || !paypal.TryRequire("amount.currency_code", out var currency, out failure)
            || !paypal.TryRequireAmount("amount.value", out var amount, out failure))
        {
            return failure;
        }

        if ((refund.IdFromLink("up", "/captures/") ?? refund.Text("supplementary_data.related_ids.capture_id")) is not { } captureId)
        {
            return AdapterResult.Fail("resource.links", "The PayPal refund has no 'up' link to the capture it returns money from.");
        }

        return Refund(paypal, new SourceObject("refund", id), new SourceObject("capture", captureId), id, Math.Abs(amount), currency,
            reason ?? refund.Text("note_to_payer"), ConvertedAt(refund, currency));
    }

    /// <summary>
    /// The rate PayPal converted the refund at, between its currency and the one the seller holds funds in: "Returned when
    /// the currency of the refund is different from the currency of the PayPal account where the merchant holds their funds"
    /// (seller_payable_breakdown.net_amount_breakdown[].exchange_rate, https://developer.paypal.com/docs/api/payments/v2/#refunds_get).
    /// </summary>
    private static Conversion? ConvertedAt(JsonElement refund, string currency) =>
        refund.Array("seller_payable_breakdown.net_amount_breakdown")
            .Select(item => PayPalExchangeRate.Of(item.At("exchange_rate"), currency))
            .FirstOrDefault(conversion => conversion is not null);

    private static AdapterResult SaleMoneyBack(PayPalNotification paypal, string? reason)
    {
        var refund = paypal.Resource;
        if (refund.Text("state") is { } state && state != "completed")
        {
            return paypal.NoMoney($"the refund is {state}: no money went back yet");
        }

        if (!paypal.TryRequire("id", out var id, out var failure)
            || !paypal.TryRequire("sale_id", out var saleId, out failure)
            || !paypal.TryRequire("amount.currency", out var currency, out failure)
            || !paypal.TryRequireAmount("amount.total", out var amount, out failure))
        {
            return failure;
        }

        return Refund(paypal, new SourceObject("refund", id), new SourceObject("sale", saleId), id, Math.Abs(amount), currency, reason ?? refund.Text("reason"));
    }

    /// <summary>Refund amounts are positive in the books; some published v1 samples write them negative ("-0.01").</summary>
    private static AdapterResult Refund(
        PayPalNotification paypal, SourceObject subject, SourceObject original, string refundId, decimal amount, string currency, string? reason,
        Conversion? convertedAt = null) =>
        AdapterResult.Of(paypal.Describe(EventMeaning.Refund, subject) with
        {
            Original = original,
            Aliases = paypal.Resource.Text("parent_payment") is { } payment ? [new SourceObject("payment", payment)] : [],
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = refundId,
                    Amount = amount,
                    Currency = currency.ToUpperInvariant(),
                    Date = paypal.ResourceDate ?? default,
                    Reason = reason,
                    ConvertedAt = convertedAt,
                },
            ],
        });
}
