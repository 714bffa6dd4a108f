namespace AccountingIntegration.Mapping;

/// <summary>
/// Shopify's order and dispute topics, booked by the Shopify adapter from the order itself. orders/updated is named as moving
/// no money but is left to the adapter (<c>auto</c>): it books an edited order's new totals and partial payments.
/// </summary>
internal static class ShopifyTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "Shopify events",
        "shopify",
        previousName: "Shopify orders/paid",
        "Shopify order topics, booked from the order (lines, discounts, shipping, tax). orders/create and orders/paid are " +
        "one sale, booked once: auto, an invoice with its payment when paid, an invoice when not yet paid. refunds/create: " +
        "auto, a refund receipt for a paid order, else a credit memo applied to the invoice. disputes/create and disputes/update: " +
        "auto, a chargeback like a refund, and when won a sales receipt of the money back. orders/cancelled: void. " +
        "orders/updated: auto, booked only for an edited order's new totals or a partial payment. orders/edited and " +
        "orders/delete move no money: ignore. A layer's field mappings and static values only set header fields " +
        "(class, department, terms, memo).",
        sales: ["orders/create", "orders/paid"],
        refunds: ["refunds/create", "disputes/create", "disputes/update"],
        cancellations: ["orders/cancelled"],
        noMoney: ["orders/edited", "orders/delete"],
        readByContent: ["orders/updated"]);
}
