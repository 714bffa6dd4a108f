using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Create rules and stored shape (REFERENCE §3.2) of Invoice, SalesReceipt, CreditMemo and
/// RefundReceipt. Call under the company's gate.
/// </summary>
internal static class SalesFormRules
{
    private static readonly string[] ServerComputed =
    [
        "TotalAmt", "Balance", "HomeBalance", "HomeTotalAmt", "Line", "LinkedTxn", "RemainingCredit", "TxnTaxDetail",
        "ExchangeRate", "CurrencyRef", "GlobalTaxCalculation", "DepositToAccountRef", "DepartmentRef",
    ];

    public static JsonObject Create(Company company, SalesFormKind kind, JsonObject body, CreateContext context)
    {
        var table = company.Table(kind.Entity);
        var row = Build(company, kind, body, body, context, existing: null);
        table.Add(row);
        return row;
    }

    /// <summary>
    /// Validates <paramref name="body"/> and builds the stored row: a new one, or the next version of
    /// <paramref name="existing"/>. <paramref name="request"/> is what the client sent (for a sparse update,
    /// less than <paramref name="body"/>): only it can override tax.
    /// </summary>
    public static JsonObject Build(Company company, SalesFormKind kind, JsonObject body, JsonObject request, CreateContext context, JsonObject? existing)
    {
        var table = company.Table(kind.Entity);
        var customer = Customer(company, kind, body, context);
        if (body["Line"] is not JsonArray requestedLines || requestedLines.Count == 0)
        {
            throw QboException.BusinessValidation("Business Validation Error: You must fill out at least one split line.", "Line");
        }

        SalesFormFields.Check(body);
        var id = existing?["Id"]?.GetValue<string>();
        var docNumber = DocNumbers.Next(company, kind.Entity, JsonRead.Str(body, "DocNumber") ?? existing?["DocNumber"]?.GetValue<string>(), context, id);
        var currency = CurrencyRules.Resolve(company, body, customer);
        var lines = SalesLines.Read(company, requestedLines, context);
        var tax = TaxCalculator.Apply(company, lines, body, request, context, currency);
        var subtotal = lines.Sales.Sum(l => l.Amount);
        var total = subtotal - tax.Discount + tax.TotalTax;
        var txnDate = SalesFormFields.Date(body, "TxnDate") ?? context.Today;

        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        if (docNumber is not null)
        {
            row["DocNumber"] = docNumber;
        }

        row["TxnDate"] = PacificTime.FormatDate(txnDate);
        if (kind.HasDueDate)
        {
            row["DueDate"] = PacificTime.FormatDate(SalesFormFields.Date(body, "DueDate") ?? txnDate.AddDays(30));
        }

        // TotalAmt and Balance are computed; client values are overwritten (REFERENCE §3.2).
        row["TotalAmt"] = total;
        Balances.Set(company, kind, row, total);
        if (kind.Balance == BalanceKind.Open)
        {
            row["Deposit"] = JsonRead.Dec(body, "Deposit") ?? 0m;
        }

        row["ApplyTaxAfterDiscount"] = JsonRead.Bool(body, "ApplyTaxAfterDiscount") ?? false;
        row["PrintStatus"] = JsonRead.Str(body, "PrintStatus") ?? "NeedToPrint";
        row["EmailStatus"] = JsonRead.Str(body, "EmailStatus") ?? "NotSet";
        if (customer is not null)
        {
            row["CustomerRef"] = JsonRead.Ref(customer["Id"]!.GetValue<string>(), EntityRow.Name(customer, "DisplayName"));
        }

        row["TxnTaxDetail"] = tax.TxnTaxDetail;
        if (tax.GlobalTaxCalculation is not null)
        {
            row["GlobalTaxCalculation"] = tax.GlobalTaxCalculation;
        }

        row["LinkedTxn"] = LinkedTransactions.For(company, kind, body, existing, context);
        row["Line"] = SalesTotals.StoredLines(lines);
        DepositAccount(company, kind, body, row, context);
        Tracking.CheckDepartmentRef(company, body, row, context);
        if (customer is not null)
        {
            // Missing addresses come from the customer (REFERENCE §3.1).
            CopyAddress(row, body, customer, "BillAddr");
            CopyAddress(row, body, customer, "ShipAddr");
        }

        EntityRow.CopyClientFields(row, body, ServerComputed);
        CurrencyRules.Stamp(company, row, body, currency, "TotalAmt", "Balance");
        return row;
    }

    private static JsonObject? Customer(Company company, SalesFormKind kind, JsonObject body, CreateContext context)
    {
        var customerId = JsonRead.RefValue(body, "CustomerRef");
        if (customerId is null)
        {
            return kind.CustomerRequired ? throw QboException.RequiredMissing("CustomerRef") : null;
        }

        return References.Require(company, EntityNames.Customer, customerId, "CustomerRef", context);
    }

    private static void DepositAccount(Company company, SalesFormKind kind, JsonObject body, JsonObject row, CreateContext context)
    {
        if (!kind.HasDepositAccount)
        {
            return;
        }

        var accountId = JsonRead.RefValue(body, "DepositToAccountRef");
        if (accountId is null && kind.DepositAccountRequired)
        {
            throw QboException.RequiredMissing("DepositToAccountRef");
        }

        var account = accountId is null
            ? CompanySetup.AccountBySubType(company, ChartOfAccounts.UndepositedFunds)
            : References.Require(company, EntityNames.Account, accountId, "DepositToAccountRef", context);
        if (account is not null)
        {
            row["DepositToAccountRef"] = JsonRead.Ref(account["Id"]!.GetValue<string>(), EntityRow.Name(account, "Name"));
        }
    }

    private static void CopyAddress(JsonObject row, JsonObject body, JsonObject customer, string name)
    {
        var address = JsonRead.Obj(body, name) ?? customer[name] as JsonObject;
        if (address is not null)
        {
            row[name] = address.DeepClone();
        }
    }
}
