using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Query;

/// <summary>
/// Which properties a WHERE or ORDERBY may name, per entity: the "filterable" properties of Intuit's entity
/// references (Id, MetaData times, names, references, dates and amounts). Any other property is refused
/// with 400 code 4001 "Invalid query" ("QueryValidationError: property 'X' is not queryable") rather than
/// silently matching nothing. MAXRESULTS above 1000 is refused the same way (REFERENCE §2.5: 1000 at most).
/// </summary>
internal static class QueryableFields
{
    private static readonly string[] Common = ["Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime"];
    private static readonly string[] Names = ["DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "PrimaryEmailAddr", "PrimaryPhone", "Active", "Balance", "FullyQualifiedName", "PrintOnCheckName", "CurrencyRef"];
    private static readonly string[] Transactions = ["DocNumber", "TxnDate", "CustomerRef", "TotalAmt", "Balance", "DueDate", "CurrencyRef", "DepartmentRef"];

    private static readonly Dictionary<string, string[]> ByEntity = new(StringComparer.OrdinalIgnoreCase)
    {
        [EntityNames.Customer] = Names,
        [EntityNames.Vendor] = Names,
        [EntityNames.Employee] = Names,
        [EntityNames.Item] = ["Name", "Type", "Active", "Sku", "FullyQualifiedName", "UnitPrice", "Taxable", "IncomeAccountRef"],
        [EntityNames.Account] = ["Name", "AccountType", "AccountSubType", "Classification", "Active", "FullyQualifiedName", "CurrentBalance", "CurrencyRef"],
        [EntityNames.Class] = ["Name", "Active", "FullyQualifiedName"],
        [EntityNames.Department] = ["Name", "Active", "FullyQualifiedName"],
        [EntityNames.Invoice] = Transactions,
        [EntityNames.SalesReceipt] = Transactions,
        [EntityNames.CreditMemo] = [.. Transactions, "RemainingCredit"],
        [EntityNames.RefundReceipt] = Transactions,
        [EntityNames.Payment] = ["TxnDate", "CustomerRef", "TotalAmt", "UnappliedAmt", "CurrencyRef", "PaymentRefNum"],
        [EntityNames.Deposit] = ["TxnDate", "TotalAmt", "DepositToAccountRef", "CurrencyRef"],
        [EntityNames.TaxCode] = ["Name", "Active", "Taxable", "TaxGroup"],
        [EntityNames.TaxRate] = ["Name", "Active", "RateValue", "AgencyRef"],
        [EntityNames.TaxAgency] = ["DisplayName"],
        [EntityNames.Preferences] = [],
        [EntityNames.CompanyInfo] = ["CompanyName", "Country"],
    };

    public static void Check(QueryModel query)
    {
        foreach (var field in query.Conditions.Select(c => c.Field).Concat(query.OrderBy.Select(o => o.Field)))
        {
            if (!Common.Contains(field, StringComparer.OrdinalIgnoreCase)
                && !ByEntity[query.Entity].Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid($"QueryValidationError: property '{field}' is not queryable");
            }
        }

        if (query.MaxResults > QueryEvaluator.MaxMaxResults)
        {
            throw Invalid($"QueryValidationError: MAXRESULTS {query.MaxResults} is more than the {QueryEvaluator.MaxMaxResults} allowed");
        }
    }

    private static QboException Invalid(string detail) => new("4001", "Invalid query", detail);
}
