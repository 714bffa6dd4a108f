using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>
/// Invoice update (full or sparse), void and delete (REFERENCE §2.6): each needs Id and the current
/// SyncToken (else 5010 Stale Object Error) and bumps SyncToken. Call under the company's gate.
/// </summary>
internal static class InvoiceChanges
{
    private static readonly HashSet<string> NotMerged = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "SyncToken", "sparse", "domain", "MetaData",
    };

    /// <summary>Full update: the body replaces the invoice. Sparse: only the fields sent change; a sent Line array replaces every line.</summary>
    public static JsonObject Update(Company company, JsonObject body, CreateContext context)
    {
        var table = company.Table(EntityNames.Invoice);
        var current = Current(table, body);
        var merged = JsonRead.Bool(body, "sparse") == true ? current.DeepClone().AsObject() : [];
        foreach (var (name, value) in body)
        {
            if (!NotMerged.Contains(name))
            {
                merged[name] = value?.DeepClone();
            }
        }

        var row = InvoiceRules.Build(company, table, merged, context, current);
        table.Replace(row);
        return row;
    }

    /// <summary>The invoice stays, with every amount and quantity zeroed and "Voided" prepended to PrivateNote.</summary>
    public static JsonObject Void(Company company, JsonObject body, CreateContext context)
    {
        var table = company.Table(EntityNames.Invoice);
        var current = Current(table, body);
        var row = EntityRow.NextVersion(current, context.Now);
        foreach (var (name, value) in current)
        {
            if (!row.ContainsKey(name))
            {
                row[name] = value?.DeepClone();
            }
        }

        foreach (var line in row["Line"]!.AsArray().OfType<JsonObject>())
        {
            line["Amount"] = 0m;
            if (line["SalesItemLineDetail"] is JsonObject detail && detail.ContainsKey("Qty"))
            {
                detail["Qty"] = 0m;
            }
        }

        row["TotalAmt"] = 0m;
        row["Balance"] = 0m;
        var note = current["PrivateNote"]?.GetValue<string>();
        row["PrivateNote"] = string.IsNullOrEmpty(note) ? "Voided" : "Voided - " + note;
        table.Replace(row);
        return row;
    }

    public static JsonObject Delete(Company company, JsonObject body)
    {
        var table = company.Table(EntityNames.Invoice);
        var id = Current(table, body)["Id"]!.GetValue<string>();
        table.Remove(id);
        return new JsonObject { ["status"] = "Deleted", ["domain"] = "QBO", ["Id"] = id };
    }

    private static JsonObject Current(EntityTable table, JsonObject body)
    {
        var id = JsonRead.Str(body, "Id") ?? throw QboException.RequiredMissing("Id");
        if (table.WasDeleted(id))
        {
            throw new QboException("610", "Object Not Found", "Object Not Found : Another user has deleted this transaction.", "Id");
        }

        var current = table.Find(id) ?? throw QboException.ObjectNotFound("Id");
        var syncToken = JsonRead.Str(body, "SyncToken") ?? throw QboException.RequiredMissing("SyncToken");
        if (syncToken != current["SyncToken"]!.GetValue<string>())
        {
            throw new QboException("5010", "Stale Object Error",
                "Stale Object Error : You and Sandbox User were working on this at the same time. Sandbox User finished before you did, so your work was not saved.",
                "SyncToken");
        }

        return current;
    }
}
