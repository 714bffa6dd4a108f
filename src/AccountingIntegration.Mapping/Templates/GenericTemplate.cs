namespace AccountingIntegration.Mapping;

/// <summary>
/// The generic JSON format for senders we have no template for (documented in docs/mapping.md):
/// <code>
/// { "id", "number", "date", "dueDate", "currency", "memo",
///   "customer": { "name", "email" },
///   "lines": [ { "description", "sku", "quantity", "unitPrice", "amount" } ] }
/// </code>
/// Money is in major units (decimal numbers or decimal strings); dates are ISO-8601 or Unix time. It is an invoice
/// template: a generic source has no adapter, so its field mappings build the document.
/// </summary>
internal static class GenericTemplate
{
    public static BuiltInTemplate Create() => new(
        "Generic JSON invoice",
        "generic",
        BuiltInTemplates.DefaultPriority,
        [
            new("CustomerRef.value", "customer.email", "coalesce:customer.name|resolve:Customer", Required: true),
            new("BillEmail.Address", "customer.email"),
            new("DocNumber", "number", "toString"),
            new("TxnDate", "date", "formatDate", Required: true),
            new("DueDate", "dueDate", "formatDate"),
            new("CurrencyRef.value", "currency", "toUpperCase"),
            new("CustomerMemo.value", "memo"),
            new("PrivateNote", "id", "toString|concat:Order "),
            new("Line", "lines", Required: true),
            new("Line[].Description", "description"),
            new("Line[].SalesItemLineDetail.Qty", "quantity", DefaultValue: 1),
            new("Line[].SalesItemLineDetail.UnitPrice", "unitPrice", "toNumber"),
            new("Line[].Amount", "amount", "toNumber"),
            new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:description|resolve:Item", Required: true),
        ],
        BuiltInTemplates.SalesItemLines(),
        "Generic JSON orders: one documented shape for any sender; amount computed from quantity × unitPrice unless given. " +
        "Every event becomes an invoice (sale: invoice); a layer may choose sales_receipt or ignore instead, for every event " +
        "or by the event type read at the source's event type path.",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["sale"] = "invoice" });
}
