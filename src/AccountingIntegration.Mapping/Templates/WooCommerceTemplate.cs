namespace AccountingIntegration.Mapping;

/// <summary>
/// WooCommerce's order topics, booked by the WooCommerce adapter. Every order topic carries the whole order, read
/// by its status: a sale, a refund (a refund object or a refunded order) or a cancellation, so all are <c>auto</c>.
/// </summary>
internal static class WooCommerceTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "WooCommerce events",
        "woocommerce",
        previousName: "WooCommerce order.created",
        "WooCommerce order topics, booked from the order (lines, fees, coupons, shipping, tax) by its status. order.created, " +
        "order.updated and order.restored: auto, an invoice with its payment when paid, an invoice when not yet paid; a " +
        "refunded order or refund object a refund receipt (or a credit memo for an unpaid sale); a cancelled order voids " +
        "its document. order.deleted (moved to the trash) moves no money: ignore. A layer's field mappings and static " +
        "values only set header fields (class, department, terms, memo).",
        sales: ["order.created", "order.updated", "order.restored"],
        refunds: [],
        cancellations: [],
        noMoney: ["order.deleted"]);
}
