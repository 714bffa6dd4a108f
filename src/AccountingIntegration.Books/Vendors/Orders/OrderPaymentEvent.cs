using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>payment.received: money received for an earlier order, booked once per <c>payment.id</c>.</summary>
internal static class OrderPaymentEvent
{
    public static SourceEvent? Read(string type, JsonElement body, SourceObject order, OrderFields fields)
    {
        if (fields.Object(body, "payment", "payment", required: true) is not { } payment)
        {
            return null;
        }

        var id = fields.Text(payment, "id", "payment.id", required: true, maxLength: 200);
        var currency = fields.Currency(payment, "currency", "payment.currency") ?? fields.Currency(body.At("order")!.Value, "currency", "order.currency");
        if (payment.At("currency") is null && body.At("order.currency") is null)
        {
            fields.Problem("payment.currency", "is required when the order states no currency.");
        }

        var amount = fields.Amount(payment, "amount", "payment.amount", currency, required: true);
        if (amount == 0m)
        {
            fields.Problem("payment.amount", "must be above zero.");
        }

        var date = fields.Date(payment, "date", "payment.date") ?? fields.Date(body, "occurredAt", "occurredAt");
        if (payment.At("date") is null && body.At("occurredAt") is null)
        {
            fields.Problem("payment.date", "is required when the event has no occurredAt.");
        }

        if (fields.Failed || id is null || currency is null || amount is null || date is null)
        {
            return null;
        }

        return new SourceEvent
        {
            Vendor = OrderEvents.Vendor,
            EventType = type,
            Meaning = EventMeaning.Payment,
            Subject = new SourceObject("payment", id),
            Original = order,
            Payment = new PaymentInfo
            {
                Amount = amount.Value,
                Currency = currency,
                Date = date.Value,
                Reference = id,
                Method = fields.Text(payment, "method", "payment.method", maxLength: 100),
            },
        };
    }
}
