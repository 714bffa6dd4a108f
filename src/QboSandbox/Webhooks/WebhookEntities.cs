using QboSandbox.State;

namespace QboSandbox.Webhooks;

/// <summary>
/// Entities QBO sends webhooks for (Intuit, "Webhooks": Account, Bill, BillPayment, Budget, Class, CreditMemo,
/// Currency, Customer, Department, Deposit, Employee, Estimate, Invoice, Item, JournalCode, JournalEntry, Payment,
/// PaymentMethod, Preferences, Purchase, PurchaseOrder, RefundReceipt, SalesReceipt, TaxAgency, Term, TimeActivity,
/// Transfer, Vendor, VendorCredit), narrowed to those the sandbox has. TaxCode, TaxRate and CompanyInfo send none.
/// </summary>
internal static class WebhookEntities
{
    private static readonly HashSet<string> Notified = new(StringComparer.Ordinal)
    {
        EntityNames.Account, EntityNames.Class, EntityNames.CreditMemo, EntityNames.Customer, EntityNames.Department,
        EntityNames.Deposit, EntityNames.Employee, EntityNames.Invoice, EntityNames.Item, EntityNames.Payment,
        EntityNames.Preferences, EntityNames.RefundReceipt, EntityNames.SalesReceipt, EntityNames.TaxAgency, EntityNames.Vendor,
    };

    public static bool IsNotified(string entity) => Notified.Contains(entity);

    /// <summary>The CloudEvents verb: created, updated, deleted, voided, merged, emailed (qbo.invoice.voided.v1).</summary>
    public static string PastTense(string operation) => operation switch
    {
        "Create" => "created",
        "Update" => "updated",
        "Delete" => "deleted",
        "Void" => "voided",
        "Merge" => "merged",
        "Emailed" => "emailed",
        _ => operation.ToLowerInvariant(),
    };
}
