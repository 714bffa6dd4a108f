namespace AccountingIntegration.Mapping;

/// <summary>
/// Paddle Billing <c>transaction.completed</c>: integer minor units as strings ("65215"), lines in
/// <c>data.details.line_items</c> with the product nested, no customer e-mail or name (only <c>customer_id</c>),
/// <c>invoice_number</c> often null. Lines use pre-tax subtotals; Paddle's fee and earnings are ignored.
/// </summary>
internal static class PaddleTemplate
{
    public static BuiltInTemplate Create() => new(
        "Paddle transaction.completed",
        "paddle",
        BuiltInTemplates.DefaultPriority,
        [
            new("CustomerRef.value", "data.customer_id", "resolve:Customer", Required: true),
            new("DocNumber", "data.invoice_number"),
            new("TxnDate", "data.billed_at", "coalesce:data.created_at|formatDate", Required: true),
            new("CurrencyRef.value", "data.currency_code"),
            new("PrivateNote", "data.id", "concat:Paddle transaction "),
            new("Line", "data.details.line_items", Required: true),
            new("Line[].Description", "product.name"),
            new("Line[].Amount", "totals.subtotal", "fromCents", Required: true),
            new("Line[].SalesItemLineDetail.Qty", "quantity", Required: true),
            new("Line[].SalesItemLineDetail.UnitPrice", "unit_totals.subtotal", "fromCents", Required: true),
            new("Line[].SalesItemLineDetail.ItemRef.value", "product.name", "coalesce:price_id|resolve:Item", Required: true),
            new("Line[].SalesItemLineDetail.ServiceDate", "$.data.billed_at", "coalesce:$.data.created_at|formatDate"),
        ],
        BuiltInTemplates.SalesItemLines(),
        "Paddle Billing transactions: minor-unit strings to decimal, customer by Paddle customer id, items by product name.");
}
