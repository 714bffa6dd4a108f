namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// The WooCommerce webhook topics the books read. WooCommerce has no refund topic: refunding an order fires
/// order.updated (its hooks include <c>woocommerce_order_refunded</c>, class-wc-webhook.php), and the order's
/// <c>refunds</c> list then holds the new refund.
/// </summary>
internal static class WooCommerceTopics
{
    public const string OrderCreated = "order.created";
    public const string OrderUpdated = "order.updated";
    public const string OrderRestored = "order.restored";
    public const string OrderDeleted = "order.deleted";

    /// <summary>
    /// Whether a sale delivered under the topic may be an edit. WooCommerce marks no edit: an order changed in the admin
    /// (a line added, a quantity lowered) arrives as order.updated with its new lines and total, like a status change
    /// with the same ones. So order.updated may revise a booked invoice whose total it no longer states; a total that
    /// did not move revises nothing.
    /// </summary>
    public static bool IsEdit(string topic) => topic == OrderUpdated;

    public static IReadOnlyList<KnownEvent> Known { get; } =
    [
        new(OrderCreated, EventMeaning.Sale,
            "An order was placed. Read by its status: processing or completed is a paid sale, on-hold a sale awaiting payment (bank transfer, cheque), pending and failed are not booked, cancelled voids the sale."),
        new(OrderUpdated, EventMeaning.Sale,
            "An order changed; read by its status like order.created. A booked invoice whose total the order no longer states is revised to the order's lines (an edit). When the order lists refunds (WooCommerce sends order.updated when one is made), each refund is booked once by its id."),
        new(OrderRestored, EventMeaning.Sale,
            "An order came back from the trash; read by its status like order.created."),
        new(OrderDeleted, EventMeaning.NoMoney,
            "An order was moved to the trash. The body is only its id, and trashing neither cancels nor refunds: the books keep the sale."),
    ];
}
