namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// The Shopify webhook topics the books read, and what each means. Topics arrive as REST names
/// ("orders/create"); subscriptions made through the GraphQL Admin API name them as enum values
/// ("ORDERS_CREATE"), which <see cref="Normalize"/> turns back into the delivered form.
/// </summary>
internal static class ShopifyTopics
{
    public const string OrderCreated = "orders/create";
    public const string OrderPaid = "orders/paid";
    public const string OrderUpdated = "orders/updated";
    public const string OrderEdited = "orders/edited";
    public const string OrderCancelled = "orders/cancelled";
    public const string OrderDeleted = "orders/delete";
    public const string RefundCreated = "refunds/create";
    public const string DisputeCreated = "disputes/create";
    public const string DisputeUpdated = "disputes/update";

    public static IReadOnlyList<KnownEvent> Known { get; } =
    [
        new(OrderCreated, EventMeaning.Sale,
            "An order was placed: booked as a sale, paid or not yet paid (pending, authorized). A cancelled or voided order is a cancellation instead."),
        new(OrderPaid, EventMeaning.Sale,
            "An order was paid: the same sale as orders/create (booked once), with what the customer has paid (total less total_outstanding)."),
        new(OrderCancelled, EventMeaning.Cancellation,
            "An order was cancelled. Before money was taken its document is voided. Paid in part (a deposit), what its invoice still owed is credited: a credit memo of that share of the order, tax included, applied to the invoice; the money received stays booked. Paid in full, nothing changes. The money that goes back is booked from its refund (refunds/create)."),
        new(RefundCreated, EventMeaning.Refund,
            "Money went back to the customer: the successful refund transactions give the amount, the refunded lines and shipping say what was returned. The refund of a deposit when its order is cancelled lists every line with a refund_discrepancy for the unpaid rest: it is booked as the deposit's share of the order."),
        new(DisputeCreated, EventMeaning.Refund,
            "A Shopify Payments dispute opened. A chargeback takes the disputed amount from the balance: money back to the customer, booked like a refund under the dispute's id. An inquiry holds no funds and books nothing."),
        new(DisputeUpdated, EventMeaning.Refund,
            "A dispute changed. A chargeback's withdrawal is booked once (if disputes/create did not book it); won, the amount came back: a sales receipt of what the chargeback gave back, dated when it was finalized."),
        new(OrderUpdated, EventMeaning.NoMoney,
            "Booked only when it carries what no other topic does: an edited order's new totals, or a partial payment. Everything else arrives as orders/paid, orders/cancelled and refunds/create."),
        new(OrderEdited, EventMeaning.NoMoney,
            "Lists which lines an edit changed, without amounts; the edited order's totals arrive with orders/updated."),
        new(OrderDeleted, EventMeaning.NoMoney,
            "Carries only the order id; deleting an order in Shopify moves no money."),
    ];

    /// <summary>The topic in its delivered form: lower case, "ORDERS_CREATE" read as "orders/create".</summary>
    public static string Normalize(string topic)
    {
        var lower = topic.Trim().ToLowerInvariant();
        if (lower.Contains('/'))
        {
            return lower;
        }

        // GraphQL enum names join resource and action with the first underscore: ORDERS_PARTIALLY_FULFILLED.
        var separator = lower.IndexOf('_');
        return separator < 0 ? lower : $"{lower[..separator]}/{lower[(separator + 1)..]}";
    }
}
