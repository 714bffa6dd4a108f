using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// A dispute (chargeback) event (<c>data.object.dispute</c>). When a dispute opens, Square "withholds the
/// disputed funds from the seller's Square account balance until the bank issues a final resolution" (Disputes
/// API overview): a hold that comes back if the seller wins, so nothing is booked while it is open. Once it
/// is LOST, or the seller ACCEPTED it ("Square returns the disputed amount to the cardholder"), the money is
/// gone for good: booked as a refund of the disputed payment, identified by the dispute's id.
/// </summary>
internal static class SquareDisputeReader
{
    private const string Field = "data.object.dispute";

    public static AdapterResult Read(string type, JsonElement body)
    {
        if (body.At(Field) is not { ValueKind: JsonValueKind.Object } dispute)
        {
            return SquareEvents.NoMoney(type, new SourceObject("dispute", body.Text("data.id") ?? "unknown"), "The event carries no dispute; no money moves.");
        }

        if ((dispute.Text("id") ?? dispute.Text("dispute_id")) is not { } id)
        {
            return AdapterResult.Fail($"{Field}.id", "The dispute has no id.");
        }

        var subject = new SourceObject("dispute", id);
        var state = dispute.Text("state");
        if (state is not ("LOST" or "ACCEPTED"))
        {
            return SquareEvents.NoMoney(type, subject, state switch
            {
                "WON" => "The seller won the dispute: the held amount is released and nothing was lost.",
                "INQUIRY_EVIDENCE_REQUIRED" or "INQUIRY_PROCESSING" or "INQUIRY_CLOSED" =>
                    "A bank inquiry about the payment, not a chargeback; no money has moved.",
                _ => $"The dispute awaits a response or the bank's decision (state {state ?? "unknown"}); Square only holds the amount until then, so nothing is booked unless it is lost or accepted.",
            });
        }

        if (dispute.Currency("amount_money") is not { } currency || dispute.Money("amount_money") is not { } amount)
        {
            return AdapterResult.Fail($"{Field}.amount_money", "The dispute has no amount.");
        }

        if ((dispute.Date("updated_at") ?? dispute.Date("created_at")) is not { } date)
        {
            return AdapterResult.Fail($"{Field}.updated_at", "The dispute has no date.");
        }

        return AdapterResult.Of(new SourceEvent
        {
            Vendor = SquareEvents.Vendor,
            EventType = type,
            Meaning = EventMeaning.Refund,
            Subject = subject,
            Original = dispute.Text("disputed_payment.payment_id") is { } paymentId ? new SourceObject("payment", paymentId) : null,
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = id,
                    Amount = amount,
                    Currency = currency,
                    Date = date,
                    Reason = $"Chargeback {(state == "LOST" ? "lost" : "accepted")}: {dispute.Text("reason") ?? "no reason given"}",
                },
            ],
        });
    }
}
