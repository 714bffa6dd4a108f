namespace AccountingIntegration.Mapping;

/// <summary>
/// WooCommerce <c>order.created</c> (the REST v3 order): totals are decimal strings but a line's <c>price</c>
/// is a number; names carry HTML entities (<c>&amp;ndash;</c>); <c>date_created</c> is the shop's local time
/// without offset, which is the date the shop's books use. Guests have <c>customer_id</c> 0, so the customer is
/// found by billing e-mail.
/// </summary>
internal static class WooCommerceTemplate
{
    public static BuiltInTemplate Create() => new(
        "WooCommerce order.created",
        "woocommerce",
        BuiltInTemplates.DefaultPriority,
        [
            new("CustomerRef.value", "billing.email", "coalesce:billing.company|resolve:Customer", Required: true),
            new("BillEmail.Address", "billing.email"),
            new("DocNumber", "number", "toString"),
            new("TxnDate", "date_created", "formatDate", Required: true),
            new("CurrencyRef.value", "currency"),
            new("PrivateNote", "id", "toString|concat:WooCommerce order "),
            new("CustomerMemo.value", "customer_note", "htmlDecode|truncate:1000"),
            new("Line", "line_items", Required: true),
            new("Line[].Description", "name", "htmlDecode"),
            new("Line[].SalesItemLineDetail.Qty", "quantity", Required: true),
            new("Line[].SalesItemLineDetail.UnitPrice", "price", "toNumber", Required: true),
            new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:name|htmlDecode|resolve:Item", Required: true),
        ],
        BuiltInTemplates.SalesItemLines(),
        "WooCommerce orders: HTML-decoded names, numeric prices, local order date, customer by billing e-mail, items by SKU (or name).");
}
