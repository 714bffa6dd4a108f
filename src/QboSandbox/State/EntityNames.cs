namespace QboSandbox.State;

/// <summary>Entity names as they appear in bodies and queries (PascalCase); paths use lower case (REFERENCE §2.1).</summary>
internal static class EntityNames
{
    public const string Customer = "Customer";
    public const string Vendor = "Vendor";
    public const string Employee = "Employee";
    public const string Item = "Item";
    public const string Account = "Account";
    public const string Class = "Class";
    public const string Department = "Department";
    public const string Invoice = "Invoice";
    public const string SalesReceipt = "SalesReceipt";
    public const string CreditMemo = "CreditMemo";
    public const string RefundReceipt = "RefundReceipt";
    public const string Payment = "Payment";
    public const string Deposit = "Deposit";
    public const string TaxCode = "TaxCode";
    public const string TaxRate = "TaxRate";
    public const string TaxAgency = "TaxAgency";
    public const string Preferences = "Preferences";
    public const string CompanyInfo = "CompanyInfo";

    public static readonly string[] Queryable =
    [
        Customer, Vendor, Employee, Item, Account, Class, Department, Invoice, SalesReceipt, CreditMemo,
        RefundReceipt, Payment, Deposit, TaxCode, TaxRate, TaxAgency, Preferences, CompanyInfo,
    ];

    /// <summary>Customers, vendors and employees share one display-name space (6240, REFERENCE §4.1).</summary>
    public static readonly string[] Names = [Customer, Vendor, Employee];

    /// <summary>Maps any casing ("invoice", "INVOICE") to the canonical name, or null.</summary>
    public static string? Canonical(string name) =>
        Array.Find(Queryable, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
