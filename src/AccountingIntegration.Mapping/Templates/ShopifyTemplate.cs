namespace AccountingIntegration.Mapping;

/// <summary>
/// Shopify <c>orders/paid</c> (every <c>orders/*</c> topic has this body): money as decimal strings, ids above
/// 2^53 (read exactly), <c>email</c> may differ from <c>customer.email</c> and wins. The item is the SKU, or the
/// title when the variant has none. Discounts, shipping and tax are not invoice lines in this template.
/// </summary>
internal static class ShopifyTemplate
{
    public static BuiltInTemplate Create() => new(
        "Shopify orders/paid",
        "shopify",
        BuiltInTemplates.DefaultPriority,
        [
            new("CustomerRef.value", "email", "coalesce:customer.email:contact_email|resolve:Customer", Required: true),
            new("BillEmail.Address", "email", "coalesce:customer.email:contact_email"),
            new("DocNumber", "name"),
            new("TxnDate", "processed_at", "coalesce:created_at|formatDate", Required: true),
            new("CurrencyRef.value", "currency"),
            new("PrivateNote", "id", "toString|concat:Shopify order "),
            new("Line", "line_items", Required: true),
            new("Line[].Description", "name", "coalesce:title"),
            new("Line[].SalesItemLineDetail.Qty", "quantity", Required: true),
            new("Line[].SalesItemLineDetail.UnitPrice", "price", "toNumber", Required: true),
            new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:title|resolve:Item", Required: true),
        ],
        BuiltInTemplates.SalesItemLines(),
        "Shopify orders: decimal-string prices, customer by order e-mail, items by SKU (or title), amount computed as quantity × price.");
}
