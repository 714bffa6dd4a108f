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

        var (id, currency, amount, date) = fields.Movement(body, payment, "payment");
        if (payment.At("currency") is null && body.At("order.currency") is null)
        {
            fields.Problem("payment.currency", "is required when the order states no currency.");
        }

        if (id is null || currency is null || amount is null || date is null)
        {
            return null;
        }

        return OrderEvents.Describe(type, EventMeaning.Payment, new SourceObject("payment", id)) with
        {
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
