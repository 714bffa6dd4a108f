using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// Customer.Balance and BalanceWithJobs, filled from the customer's open documents whenever a customer leaves the
/// sandbox (read, query, batch, CDC, control API, create and update answers). Intuit's Customer reference (the same
/// text is in the SDKs' schema classes, e.g. QuickBooks-V3-PHP-SDK IPPCustomer::$Balance): Balance "Specifies the open
/// balance amount or the amount unpaid by the customer. [...] When returned in response to the query request it
/// represents the current open balance (unpaid amount) for that customer"; BalanceWithJobs "Cumulative open balance
/// amount for the Customer (or Job) and all its sub-jobs. Cannot be written to QuickBooks."
/// The open balance is what the customer's A/R holds: invoices' Balance, less credit memos' RemainingCredit and
/// payments' UnappliedAmt, in the customer's currency (its transactions are in that currency). Opening balances
/// written on create are not emulated (the sandbox keeps 0 in the stored row).
/// </summary>
internal static class CustomerBalances
{
    /// <summary>Copies of the customers with their balances (call under the gate).</summary>
    public static List<JsonObject> Fill(Company company, IEnumerable<JsonObject> customers)
    {
        var open = OpenByCustomer(company);
        // Sub-customers by parent, once per answer: a query of many customers would otherwise scan them all for each.
        var children = company.Rows(EntityNames.Customer)
            .Where(c => Documents.RefValue(c, "ParentRef") is not null)
            .ToLookup(c => Documents.RefValue(c, "ParentRef")!, StringComparer.Ordinal);
        return [.. customers.Select(customer =>
        {
            var copy = customer.DeepClone().AsObject();
            copy["Balance"] = open.GetValueOrDefault(Documents.Id(customer));
            copy["BalanceWithJobs"] = WithJobs(customer, children, open, []);
            return copy;
        })];
    }

    private static Dictionary<string, decimal> OpenByCustomer(Company company)
    {
        var open = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(open, company, EntityNames.Invoice, "Balance", 1m);
        Add(open, company, EntityNames.CreditMemo, "RemainingCredit", -1m);
        Add(open, company, EntityNames.Payment, "UnappliedAmt", -1m);
        return open;
    }

    private static void Add(Dictionary<string, decimal> open, Company company, string entity, string field, decimal sign)
    {
        if (!company.HasTable(entity))
        {
            return;
        }

        foreach (var row in company.Rows(entity))
        {
            if (Documents.RefValue(row, "CustomerRef") is { } customer)
            {
                open[customer] = open.GetValueOrDefault(customer) + (sign * Documents.Amount(row, field));
            }
        }
    }

    /// <summary>The customer and its sub-customers (ParentRef), each counted once even if a client sent a cycle.</summary>
    private static decimal WithJobs(JsonObject customer, ILookup<string, JsonObject> children, Dictionary<string, decimal> open, HashSet<string> seen)
    {
        var id = Documents.Id(customer);
        if (!seen.Add(id))
        {
            return 0m;
        }

        var total = open.GetValueOrDefault(id);
        foreach (var child in children[id])
        {
            total += WithJobs(child, children, open, seen);
        }

        return total;
    }
}
