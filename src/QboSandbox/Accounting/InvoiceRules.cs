using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Invoice create rules and the stored shape of REFERENCE §3.2. Call under the company's gate.</summary>
internal static class InvoiceRules
{
    private const int DocNumberMaxLength = 21;
    private const int FirstDocNumber = 1001;

    private static readonly string[] ServerComputed = ["TotalAmt", "Balance", "HomeBalance", "HomeTotalAmt", "Line", "LinkedTxn"];

    public static JsonObject Create(Company company, JsonObject body, CreateContext context)
    {
        var table = company.Table(EntityNames.Invoice);
        var row = Build(company, table, body, context, existing: null);
        table.Add(row);
        return row;
    }

    /// <summary>
    /// Validates a body and builds the stored invoice: a new one, or the next version of
    /// <paramref name="existing"/> (same Id, SyncToken + 1) for updates.
    /// </summary>
    public static JsonObject Build(Company company, EntityTable table, JsonObject body, CreateContext context, JsonObject? existing)
    {
        var customerId = JsonRead.RefValue(body, "CustomerRef") ?? throw QboException.RequiredMissing("CustomerRef");
        var customer = company.Table(EntityNames.Customer).Find(customerId);
        if (customer is null || !EntityRow.IsActive(customer) || !context.CanReference(EntityNames.Customer, customerId))
        {
            throw QboException.ObjectNotFound("CustomerRef");
        }

        if (body["Line"] is not JsonArray requestedLines || requestedLines.Count == 0)
        {
            throw QboException.BusinessValidation("Business Validation Error: You must fill out at least one split line.", "Line");
        }

        EntityRow.CheckLength(JsonRead.Str(body, "PrivateNote"), "PrivateNote", 4000);

        // BillEmail.Address is required when EmailStatus=NeedToSend (REFERENCE §3.3).
        if (JsonRead.Str(body, "EmailStatus") == "NeedToSend" && string.IsNullOrWhiteSpace(
                JsonRead.Obj(body, "BillEmail") is { } email ? JsonRead.Str(email, "Address") : null))
        {
            throw QboException.RequiredMissing("BillEmail.Address");
        }

        EntityRow.CheckLength(JsonRead.Obj(body, "BillEmail") is { } billEmail ? JsonRead.Str(billEmail, "Address") : null, "BillEmail.Address", 100);
        EntityRow.CheckLength(JsonRead.Obj(body, "CustomerMemo") is { } memo ? JsonRead.Str(memo, "value") : null, "CustomerMemo", 1000);
        var requestedNumber = JsonRead.Str(body, "DocNumber") ?? existing?["DocNumber"]?.GetValue<string>();
        var docNumber = DocNumber(table, requestedNumber, context, existing?["Id"]?.GetValue<string>());
        var (lines, total) = InvoiceLines.Build(company, requestedLines, context);
        var txnDate = Date(body, "TxnDate") ?? context.Today;
        var dueDate = Date(body, "DueDate") ?? txnDate.AddDays(30);

        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        row["DocNumber"] = docNumber;
        row["TxnDate"] = PacificTime.FormatDate(txnDate);
        row["DueDate"] = PacificTime.FormatDate(dueDate);

        // TotalAmt and Balance are computed; client values are overwritten (REFERENCE §3.2).
        row["TotalAmt"] = total;
        row["Balance"] = total;
        row["Deposit"] = JsonRead.Dec(body, "Deposit") ?? 0m;
        row["ApplyTaxAfterDiscount"] = JsonRead.Bool(body, "ApplyTaxAfterDiscount") ?? false;
        row["PrintStatus"] = JsonRead.Str(body, "PrintStatus") ?? "NeedToPrint";
        row["EmailStatus"] = JsonRead.Str(body, "EmailStatus") ?? "NotSet";
        row["CustomerRef"] = JsonRead.Ref(customerId, EntityRow.Name(customer, "DisplayName"));
        row["TxnTaxDetail"] = JsonRead.Obj(body, "TxnTaxDetail")?.DeepClone() ?? new JsonObject { ["TotalTax"] = 0m };
        row["LinkedTxn"] = new JsonArray();
        row["Line"] = lines;

        // Missing addresses come from the customer (REFERENCE §3.1).
        CopyAddress(row, body, customer, "BillAddr");
        CopyAddress(row, body, customer, "ShipAddr");
        EntityRow.CopyClientFields(row, body, ServerComputed);
        EntityRow.Default(row, "CurrencyRef", Books.Currencies.Home(company));
        return row;
    }

    private static string DocNumber(EntityTable invoices, string? requested, CreateContext context, string? ownId)
    {
        if (requested is null or "AUTO_GENERATE")
        {
            // Last + 1 (REFERENCE §3.3), counting only numeric numbers.
            var last = Math.Max(invoices.LargestNumber("DocNumber"), FirstDocNumber - 1);
            return (last + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (requested.Length > DocNumberMaxLength)
        {
            throw QboException.LengthOutOfRange("DocNumber", DocNumberMaxLength, requested.Length);
        }

        if (context.Options.DuplicateDocNumberCheck && !context.AllowDuplicateDocNumber
            && Duplicate(invoices, requested, ownId) is { } existing)
        {
            // 6140 in community reports, 6210 in Intuit's 2017 list (REFERENCE §11): configurable.
            throw new QboException(context.Options.DuplicateDocNumberErrorCode, "Duplicate Document Number Error",
                $"You must specify a different number. This number has already been used. DocNumber={requested} is assigned to TxnType=Invoice with TxnId={existing["Id"]}",
                "DocNumber");
        }

        return requested;
    }

    /// <summary>Another invoice with this number; an update may keep its own.</summary>
    private static JsonObject? Duplicate(EntityTable invoices, string docNumber, string? ownId)
    {
        var found = invoices.FindBy("DocNumber", docNumber, ignoreCase: false);
        if (found is null || found["Id"]!.GetValue<string>() != ownId)
        {
            return found;
        }

        return invoices.Rows.FirstOrDefault(r => r != found && r["DocNumber"]?.GetValue<string>() == docNumber);
    }

    private static DateOnly? Date(JsonObject body, string name)
    {
        var text = JsonRead.Str(body, name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw QboException.InvalidProperty($"Property Name:{name} specified is unsupported or invalid: {text}");
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
