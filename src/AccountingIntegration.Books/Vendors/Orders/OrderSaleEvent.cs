using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// order.created, order.updated and order.paid: the order as it now stands, and how much of it is paid
/// (<c>order.paid</c>; by default nothing, or the whole total for order.paid).
/// </summary>
internal static class OrderSaleEvent
{
    public static SourceEvent? Read(string type, JsonElement body, SourceObject subject, OrderFields fields)
    {
        var sale = OrderSaleReader.Read(body, fields);
        if (sale is null)
        {
            return null;
        }

        var (paid, isThePayment) = Paid(body, sale, fields, wholeByDefault: type == OrderEvents.OrderPaid);
        sale = WithGiftCards(body, sale, paid, fields);
        var payment = paid > 0m ? PaymentOf(body, sale, paid, fields) : null;
        if (payment is { Reference: not null } && isThePayment)
        {
            // That payment alone, when it has an id to be booked once by.
            payment = payment with { AmountIsItsOwn = true };
        }

        return OrderEvents.Describe(type, EventMeaning.Sale, subject) with
        {
            Sale = sale,
            Paid = paid,
            Payment = payment,
            // The sender states the edit: an order.updated whose total moved revises the invoice.
            Edited = type == OrderEvents.OrderUpdated,
        };
    }

    /// <summary>
    /// What the customer has paid of the order so far: <c>order.paid</c>, at most its total. Without it, the whole total when
    /// <paramref name="wholeByDefault"/> (order.paid), else the <c>payment.amount</c> the event names (an order placed with its
    /// payment), else nothing: a payment the sender states is never dropped for want of <c>order.paid</c>. Whether what is paid
    /// is the payment the event names (<c>IsThePayment</c>): neither <c>order.paid</c> nor the event being order.paid said more.
    /// </summary>
    public static (decimal Amount, bool IsThePayment) Paid(JsonElement body, Sale sale, OrderFields fields, bool wholeByDefault)
    {
        var stated = fields.Amount(body.At("order")!.Value, "paid", "order.paid", sale.Currency);
        var payment = body.At("payment") is { ValueKind: JsonValueKind.Object } named ? fields.Amount(named, "amount", "payment.amount", sale.Currency) : null;
        var isThePayment = stated is null && !wholeByDefault;
        var paid = stated ?? (wholeByDefault ? sale.Total : payment ?? 0m);
        if (paid > sale.Total)
        {
            fields.Problem(isThePayment ? "payment.amount" : "order.paid", $"is {Money.Show(paid)}, more than the order's total ({Money.Show(sale.Total)}).");
        }
        else if (payment > paid)
        {
            fields.Problem("payment.amount", $"is {Money.Show(payment.Value)}, more than the order says is paid in all ({Money.Show(paid)}, order.paid).");
        }

        return (paid, isThePayment);
    }

    /// <summary>
    /// Of what was paid, the part paid with gift cards (<c>order.giftCards</c>): a tender taken off the gift card liability,
    /// not money into Undeposited Funds.
    /// </summary>
    public static Sale WithGiftCards(JsonElement body, Sale sale, decimal paid, OrderFields fields)
    {
        var giftCards = fields.Amount(body.At("order")!.Value, "giftCards", "order.giftCards", sale.Currency) ?? 0m;
        if (giftCards > paid)
        {
            fields.Problem("order.giftCards", $"is {Money.Show(giftCards)}, more than was paid ({Money.Show(paid)}): it is the part of order.paid paid with gift cards.");
        }

        return sale with { GiftCards = giftCards };
    }

    /// <summary>
    /// The money paid for the sale, named by the event's <c>payment</c> when it has one (its id, date and method), else dated
    /// when the event occurred, or the order's day.
    /// </summary>
    private static PaymentInfo PaymentOf(JsonElement body, Sale sale, decimal paid, OrderFields fields)
    {
        var payment = fields.Object(body, "payment", "payment");
        return new PaymentInfo
        {
            Amount = paid,
            Currency = sale.Currency,
            Date = (payment is { } named ? fields.Date(named, "date", "payment.date") : null) ?? fields.Date(body, "occurredAt", "occurredAt") ?? sale.Date,
            Reference = payment is { } withId ? fields.Text(withId, "id", "payment.id", maxLength: 200) : null,
            // The same payment.id on payment.received is this payment, not another.
            BookedById = true,
            Method = payment is { } withMethod ? fields.Text(withMethod, "method", "payment.method", maxLength: 100) : null,
        };
    }
}
