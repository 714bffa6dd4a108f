namespace AccountingIntegration.Features.Proxy;

/// <summary>
/// The QBO entity types an organization may read through the proxy. Read-only, and limited to
/// business objects of the sales and purchase cycle (REFERENCE §9); payroll, employees and
/// preferences stay out.
/// </summary>
internal static class ProxyEntityTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        "Account", "Bill", "Class", "CreditMemo", "Customer", "Department", "Estimate", "Invoice", "Item",
        "Payment", "PaymentMethod", "Purchase", "RefundReceipt", "SalesReceipt", "TaxCode", "Term", "Vendor",
    ];

    /// <summary>The canonical spelling of an allowed type, whatever the caller's case; null when not allowed.</summary>
    public static string? Find(string? type) =>
        type is null ? null : All.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase));
}
