using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// A payment event (<c>data.object.payment</c>). A COMPLETED payment is a sale paid at once. Its subject is
/// the payment, so every payment.updated it receives (Square adds the processing fee later and changes
/// <c>version_token</c> each time) names the same sale and the ledger books it once; the order it pays is an
/// alias for refunds and orders that name it.
/// </summary>
internal static class SquarePaymentReader
{
    private const string Field = "data.object.payment";

    public static AdapterResult Read(string type, JsonElement body)
    {
        if (body.At(Field) is not { ValueKind: JsonValueKind.Object } payment)
        {
            return AdapterResult.Fail(Field, "The event carries no payment.");
        }

        if (payment.Text("id") is not { } id)
        {
            return AdapterResult.Fail($"{Field}.id", "The payment has no id.");
        }

        var subject = new SourceObject("payment", id);
        switch (payment.Text("status"))
        {
            case "COMPLETED":
                return Completed(type, payment, subject);
            case "APPROVED":
                return SquareEvents.NoMoney(type, subject, "The payment is authorized but not captured yet; it is booked when it completes.");
            case "PENDING":
                return SquareEvents.NoMoney(type, subject, "The payment is still being processed; it is booked when it completes.");
            case "FAILED":
                return SquareEvents.NoMoney(type, subject, "The payment failed or was declined; nothing was charged.");
            case "CANCELED":
                return SquareEvents.NoMoney(type, subject, "The authorization was canceled (or expired) before capture; nothing was charged.");
            case { } other:
                return SquareEvents.NoMoney(type, subject, $"Payment status {other} is not one Square documents as completed; nothing is booked until it completes.");
            default:
                return AdapterResult.Fail($"{Field}.status", "The payment has no status.");
        }
    }

    private static AdapterResult Completed(string type, JsonElement payment, SourceObject subject)
    {
        if ((payment.Currency("total_money") ?? payment.Currency("amount_money")) is not { } currency
            || payment.Money("amount_money") is not { } amount)
        {
            return AdapterResult.Fail($"{Field}.amount_money", "The payment has no amount.");
        }

        if (payment.Date("created_at") is not { } date)
        {
            return AdapterResult.Fail($"{Field}.created_at", "The payment has no date.");
        }

        // amount_money excludes the tip; total_money is "amount_money and tip_money" (Payment object).
        var tip = payment.Money("tip_money") ?? 0m;
        var total = payment.Money("total_money") ?? amount + tip;
        var sale = SquareSale.Of(payment, currency, date, amount, tip, total);
        return AdapterResult.Of(new SourceEvent
        {
            Vendor = SquareEvents.Vendor,
            EventType = type,
            Meaning = EventMeaning.Sale,
            Subject = subject,
            // An order may be paid in several payments (a split tender: card and cash), each a sale of its own.
            SharedNames = payment.Text("order_id") is { } orderId ? [new SourceObject("order", orderId)] : [],
            Sale = sale,
            Paid = total,
            Payment = new PaymentInfo
            {
                Amount = total,
                Currency = currency,
                Date = payment.Date("card_details.card_payment_timeline.captured_at") ?? date,
                Reference = subject.Id,
                Fee = Fee(payment),
                Method = Method(payment),
                Payer = sale.Customer,
            },
        });
    }

    /// <summary>
    /// What Square and the app withhold from the seller's payout: the processing fees (<c>processing_fee</c>,
    /// assessed and adjusted, "positive values represent funds being assessed") and <c>app_fee_money</c>, "the
    /// amount the developer is taking as a fee". Neither is part of the sale; the customer paid the total.
    /// </summary>
    private static decimal Fee(JsonElement payment) =>
        payment.Array("processing_fee").Sum(fee => fee.Money("amount_money") ?? 0m) + (payment.Money("app_fee_money") ?? 0m);

    private static string? Method(JsonElement payment) => (payment.Text("source_type"), payment.Text("card_details.card.card_brand")) switch
    {
        ({ } source, { } brand) => $"{source} {brand}",
        ({ } source, null) => source,
        _ => null,
    };
}
