namespace AccountingIntegration.Mapping;

/// <summary>
/// Stripe <c>invoice.paid</c>: amounts are integer cents (<c>fromCents</c>), the currency is lower-case, and
/// <c>customer_email</c>/<c>customer_name</c> are often null, so the customer falls back to the name and then
/// the Stripe customer id. Lines come from <c>data.object.lines.data</c>; the line's <c>amount</c> is
/// authoritative, <c>unit_amount_decimal</c> may carry fractions of a cent.
/// </summary>
internal static class StripeTemplate
{
    public static BuiltInTemplate Create() => new(
        "Stripe invoice.paid",
        "stripe",
        BuiltInTemplates.DefaultPriority,
        [
            new("CustomerRef.value", "data.object.customer_email", "coalesce:data.object.customer_name:data.object.customer|resolve:Customer", Required: true),
            new("BillEmail.Address", "data.object.customer_email"),
            new("DocNumber", "data.object.number"),
            new("TxnDate", "data.object.created", "formatDate", Required: true),
            new("DueDate", "data.object.due_date", "formatDate"),
            new("CurrencyRef.value", "data.object.currency", "toUpperCase"),
            new("PrivateNote", "data.object.id", "concat:Stripe invoice "),
            new("Line", "data.object.lines.data", Required: true),
            new("Line[].Description", "description"),
            new("Line[].Amount", "amount", "fromCents", Required: true),
            new("Line[].SalesItemLineDetail.Qty", "quantity", DefaultValue: 1),
            new("Line[].SalesItemLineDetail.UnitPrice", "price.unit_amount_decimal", "coalesce:price.unit_amount|fromCents"),
            new("Line[].SalesItemLineDetail.ItemRef.value", "price.product", "coalesce:plan.product:description|resolve:Item", Required: true),
        ],
        BuiltInTemplates.SalesItemLines(),
        "Stripe invoice.paid events: cents to decimal, customer by e-mail, name or Stripe id, one line per invoice line item, items by Stripe product id.");
}
