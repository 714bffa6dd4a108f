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
            ShopifyTopics.OrderCancelled => Cancelled(topic, order, subject),
            ShopifyTopics.OrderUpdated => Updated(topic, order, subject, state),
            _ => PlacedOrPaid(topic, order, subject, state),
        };
    }

    private static AdapterResult PlacedOrPaid(string topic, JsonElement order, SourceObject subject, ShopifyOrderState state)
    {
        if (state.IsCancelledOrVoided)
        {
            return Cancelled(topic, order, subject);
        }

        // Test orders are booked like any other: a store under test is normally connected to a QBO sandbox
        // company, and silently dropping them would hide exactly what the test is for.
        // Pending (manual payment, payment terms) and authorized (captured later) orders are sales not yet
        // paid: the customer owes the total, like an open invoice. orders/paid then reports the payment on
        // the same subject, so the ledger books the sale once.
        return ShopifySaleReader.Read(topic, order, subject);
    }

    /// <summary>
    /// A cancellation, whether or not money was taken: the books know what the sale's invoice still owes. Unpaid, it is
    /// voided. Paid in part (a deposit: <c>partially_paid</c>), what it still owes is credited, since a cancelled order is
    /// never collected. The merchant cancels with or without refunding what was paid (orderCancel's <c>refund</c>, "Whether
    /// to refund the amount paid by the customer", https://shopify.dev/docs/api/admin-graphql/2024-04/mutations/ordercancel),
    /// so the money received stays booked, and what of it went back comes as a refund of its own (refunds/create), the
    /// order's status then <c>partially_refunded</c> or <c>refunded</c>. Paid in full, nothing is owed and nothing changes.
    /// The credit is dated <c>cancelled_at</c> ("the date and time when the order was canceled",
    /// https://shopify.dev/docs/api/admin-graphql/latest/objects/Order); <c>updated_at</c> stands in for an order voided
    /// without being cancelled.
    /// </summary>
    private static AdapterResult Cancelled(string topic, JsonElement order, SourceObject subject) =>
        ShopifyEvents.Cancellation(topic, subject, order.Date("cancelled_at") ?? order.Date("updated_at"));

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
