using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// The refunds an order lists. Each entry of the REST order's <c>refunds</c> is one Order Refund: its <c>id</c>,
/// <c>reason</c> and <c>total</c> (negative text, "-10.00"). The list is cumulative, so every delivery names every
/// refund so far and the ledger books each id once. The entries carry no date: the order's last change is
/// when the newest one was made, and an older one was booked when it first appeared.
/// </summary>
internal static class WooCommerceRefunds
{
    public static AdapterResult Read(string topic, JsonElement order, SourceObject subject)
    {
        if (order.Text("currency")?.ToUpperInvariant() is not { } currency)
        {
            return AdapterResult.Fail("currency", "The order has no currency.");
        }

        if ((order.Date("date_modified") ?? order.Date("date_created")) is not { } date)
        {
            return AdapterResult.Fail("date_modified", "The order has no date.");
        }

        var refunds = new List<RefundInfo>();
        foreach (var (entry, index) in order.Array("refunds").Select((entry, index) => (entry, index)))
        {
            if (entry.Text("id") is not { } id)
            {
                return AdapterResult.Fail($"refunds[{index}].id", "A refund has no id.");
            }

            if (entry.Decimal("total") is not { } total)
            {
                return AdapterResult.Fail($"refunds[{index}].total", "A refund has no total.");
            }

            if (total != 0m)
            {
                refunds.Add(new RefundInfo
                {
                    RefundId = id,
                    Amount = Math.Abs(total),
                    Currency = currency,
                    Date = date,
                    Reason = entry.Text("reason") ?? entry.Text("refund"),
                });
            }
        }

        if (refunds.Count == 0)
        {
            return WooCommerceEvents.NoMoney(topic, subject, "The order's refunds are all of zero: no money went back.");
        }

        return AdapterResult.Of(new SourceEvent
        {
            Vendor = WooCommerceEvents.Vendor,
            EventType = topic,
            Meaning = EventMeaning.Refund,
            Subject = subject,
            Original = subject,
            Refunds = refunds,
        });
    }
}
