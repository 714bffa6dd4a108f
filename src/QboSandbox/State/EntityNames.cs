namespace QboSandbox.State;

/// <summary>Entity names as they appear in bodies and queries (PascalCase); paths use lower case (REFERENCE §2.1).</summary>
internal static class EntityNames
{
    public const string Customer = "Customer";
    public const string Item = "Item";
    public const string Account = "Account";
    public const string Invoice = "Invoice";
    public const string CompanyInfo = "CompanyInfo";

    public static readonly string[] Queryable = [Customer, Item, Account, Invoice, CompanyInfo];

    /// <summary>Maps any casing ("invoice", "INVOICE") to the canonical name, or null.</summary>
    public static string? Canonical(string name) =>
        Array.Find(Queryable, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
