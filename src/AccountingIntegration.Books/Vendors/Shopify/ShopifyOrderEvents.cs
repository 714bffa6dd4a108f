using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// What an orders/* delivery means. The body is the bare Order resource in its state at delivery time, so a
/// late orders/create of an order that has since been cancelled is read as the cancellation it now is.
/// </summary>
internal static class ShopifyOrderEvents
{
    public static AdapterResult Read(string topic, JsonElement order)
    {
        if (order.Id() is not { } id)
        {
            return AdapterResult.Fail("id", "The order body has no id.");
        }

        var subject = ShopifyEvents.Order(id);
        var state = ShopifyOrderState.Of(order);
        return topic switch
        {
            ShopifyTopics.OrderCancelled => Cancelled(topic, subject, state),
            ShopifyTopics.OrderUpdated => Updated(topic, order, subject, state),
            _ => PlacedOrPaid(topic, order, subject, state),
        };
    }

    private static AdapterResult PlacedOrPaid(string topic, JsonElement order, SourceObject subject, ShopifyOrderState state)
    {
        if (state.IsCancelledOrVoided)
        {
            return Cancelled(topic, subject, state);
        }

        // Test orders are booked like any other: a store under test is normally connected to a QBO sandbox
        // company, and silently dropping them would hide exactly what the test is for.
        // Pending (manual payment, payment terms) and authorized (captured later) orders are sales not yet
        // paid: the customer owes the total, like an open invoice. orders/paid then reports the payment on
        // the same subject, so the ledger books the sale once.
        return ShopifySaleReader.Read(topic, order, subject);
    }

    private static AdapterResult Cancelled(string topic, SourceObject subject, ShopifyOrderState state)
    {
        if (state.MoneyWasTaken)
        {
            // Voiding the sale now would undo it twice: Shopify sends the money back as a refund
            // (refunds/create), and whatever was not refunded the customer has paid for.
            return ShopifyEvents.NoMoney(topic, subject,
                $"The order was cancelled after its payment was taken (financial status {state.FinancialStatus}); the money that went back is booked from its refund, and the sale stands for the rest.");
        }

        return ShopifyEvents.Cancellation(topic, subject);
    }

    private static AdapterResult Updated(string topic, JsonElement order, SourceObject subject, ShopifyOrderState state)
    {
        if (state.IsCancelledOrVoided)
        {
            return ShopifyEvents.NoMoney(topic, subject, "The order is cancelled; orders/cancelled reports that.");
        }

        // orders/edited names the changed lines without amounts and a partial capture has no topic of its
        // own, so for these two orders/updated is where the books learn the new totals and the amount paid.
        if (ShopifyOrderView.For(order).IsEdited(order) || state.FinancialStatus == "partially_paid")
        {
            return ShopifySaleReader.Read(topic, order, subject);
        }

        return ShopifyEvents.NoMoney(topic, subject,
            "The update changes neither the order's totals nor what was paid; payments, refunds and cancellations are booked from orders/paid, refunds/create and orders/cancelled.");
    }
}
