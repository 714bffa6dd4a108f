using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// A refund event (<c>data.object.refund</c>, a PaymentRefund). Square sends refund.created while the refund is
/// PENDING ("awaiting approval") and refund.updated when it is COMPLETED, REJECTED or FAILED; only a completed
/// refund moved money. The refund names the payment it returns money from, the sale's subject.
/// </summary>
internal static class SquareRefundReader
{
    private const string Field = "data.object.refund";

    public static AdapterResult Read(string type, JsonElement body)
    {
        if (body.At(Field) is not { ValueKind: JsonValueKind.Object } refund)
        {
            return AdapterResult.Fail(Field, "The event carries no refund.");
        }

        if (refund.Text("id") is not { } id)
        {
            return AdapterResult.Fail($"{Field}.id", "The refund has no id.");
        }

        var subject = new SourceObject("refund", id);
        switch (refund.Text("status"))
        {
            case "COMPLETED":
                break;
            case "PENDING":
                return SquareEvents.NoMoney(type, subject, "The refund is pending; it is booked when it completes.");
            case "REJECTED":
                return SquareEvents.NoMoney(type, subject, "The refund was rejected; no money went back.");
            case "FAILED":
                return SquareEvents.NoMoney(type, subject, "The refund failed; no money went back.");
            case { } other:
                return SquareEvents.NoMoney(type, subject, $"Refund status {other} is not one Square documents as completed; nothing is booked until it completes.");
            default:
                return AdapterResult.Fail($"{Field}.status", "The refund has no status.");
        }

        if (refund.Currency("amount_money") is not { } currency || refund.Money("amount_money") is not { } amount)
        {
            return AdapterResult.Fail($"{Field}.amount_money", "The refund has no amount.");
        }

        if (refund.Date("created_at") is not { } date)
        {
            return AdapterResult.Fail($"{Field}.created_at", "The refund has no date.");
        }

        // An unlinked refund (money returned without a Square payment) names no payment; its order, if any,
        // is then the only link to the sale.
        var original = refund.Text("payment_id") is { } paymentId
            ? new SourceObject("payment", paymentId)
            : refund.Text("order_id") is { } orderId ? new SourceObject("order", orderId) : null;
        return AdapterResult.Of(new SourceEvent
        {
            Vendor = SquareEvents.Vendor,
            EventType = type,
            Meaning = EventMeaning.Refund,
            Subject = subject,
            Original = original,
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = id,
                    Amount = amount,
                    Currency = currency,
                    // created_at, not updated_at: every redelivery of the completed refund must say the same.
                    Date = date,
                    Reason = refund.Text("reason"),
                },
            ],
        });
    }
}
