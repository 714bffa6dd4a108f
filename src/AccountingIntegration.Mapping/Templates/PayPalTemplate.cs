namespace AccountingIntegration.Mapping;

/// <summary>
/// PayPal <c>PAYMENTS.PAYMENT.CREATED</c> (v1 Payments API): money as decimal strings, items nested in each
/// transaction's <c>item_list</c>, so the line source flattens <c>resource.transactions[*].item_list.items</c>.
/// Shipping, handling, insurance, tax and the shipping discount are not lines in this template.
/// </summary>
internal static class PayPalTemplate
{
    public static BuiltInTemplate Create() => new(
        "PayPal PAYMENTS.PAYMENT.CREATED",
        "paypal",
        BuiltInTemplates.DefaultPriority,
        [
            new("CustomerRef.value", "resource.payer.payer_info.email", "coalesce:resource.payer.payer_info.payer_id|resolve:Customer", Required: true),
            new("BillEmail.Address", "resource.payer.payer_info.email"),
            new("DocNumber", "resource.transactions[0].invoice_number"),
            new("TxnDate", "resource.create_time", "coalesce:create_time|formatDate", Required: true),
            new("CurrencyRef.value", "resource.transactions[0].amount.currency"),
            new("PrivateNote", "resource.id", "concat:PayPal payment "),
            new("Line", "resource.transactions[*].item_list.items", Required: true),
            new("Line[].Description", "description", "coalesce:name"),
            new("Line[].SalesItemLineDetail.Qty", "quantity", DefaultValue: 1),
            new("Line[].SalesItemLineDetail.UnitPrice", "price", "toNumber", Required: true),
            new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:name|resolve:Item", Required: true),
        ],
        BuiltInTemplates.SalesItemLines(),
        "PayPal v1 payments: items of every transaction as lines, decimal-string prices, customer by payer e-mail.");
}
