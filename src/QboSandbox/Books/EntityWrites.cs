using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Create, update (full or sparse), void and delete for every writable entity (REFERENCE §2.6): a change
/// needs Id and the current SyncToken (missing → 2020, older → 5010, deleted → 610 "Another user has
/// deleted this transaction"), bumps SyncToken and keeps CreateTime. Payments re-balance what they touch.
/// Call under the gate.
/// </summary>
internal static class EntityWrites
{
    private static readonly HashSet<string> NotMerged = new(StringComparer.OrdinalIgnoreCase) { "Id", "SyncToken", "sparse", "domain", "MetaData" };

    public static JsonObject Create(Company company, EntityKind kind, JsonObject body, CreateContext context)
    {
        var row = kind.Build(company, body, body, context, existing: null);
        company.Table(kind.Entity).Add(row);
        AfterWrite(company, kind, null, row, context.Now);
        company.Record(kind.Entity, row["Id"]!.GetValue<string>(), "Create", context.Now);
        return row;
    }

    /// <summary>Full update: the body replaces the entity. Sparse: only the fields sent change; a sent Line array replaces every line.</summary>
    public static JsonObject Update(Company company, EntityKind kind, JsonObject body, CreateContext context)
    {
        var table = company.Table(kind.Entity);
        var current = Current(table, body);
        var merged = JsonRead.Bool(body, "sparse") == true ? current.DeepClone().AsObject() : [];
        foreach (var (name, value) in body)
        {
            if (!NotMerged.Contains(name))
            {
                merged[name] = value?.DeepClone();
            }
        }

        // Full updates of sales forms keep their number when none is sent.
        if (!merged.ContainsKey("DocNumber") && current["DocNumber"] is { } number)
        {
            merged["DocNumber"] = number.DeepClone();
        }

        var row = kind.Build(company, merged, body, context, current);
        table.Replace(row);
        AfterWrite(company, kind, current, row, context.Now);
        company.Record(kind.Entity, row["Id"]!.GetValue<string>(), "Update", context.Now);
        return row;
    }

    public static JsonObject Delete(Company company, EntityKind kind, JsonObject body, CreateContext context)
    {
        if (!kind.Deletable)
        {
            throw QboException.UnsupportedOperation($"Operation Delete is not supported for {kind.Entity}: make it inactive with an update.");
        }

        var table = company.Table(kind.Entity);
        var current = Current(table, body);
        RefuseWhenApplied(company, kind, current, "delete");
        var id = current["Id"]!.GetValue<string>();
        table.Remove(id, context.Now);
        AfterWrite(company, kind, current, null, context.Now);
        company.Record(kind.Entity, id, "Delete", context.Now);
        return new JsonObject { ["status"] = "Deleted", ["domain"] = "QBO", ["Id"] = id };
    }

    /// <summary>The transaction stays, with every amount and quantity zeroed and "Voided" prepended to PrivateNote (REFERENCE §2.6).</summary>
    public static JsonObject Void(Company company, EntityKind kind, JsonObject body, CreateContext context)
    {
        if (!kind.Voidable)
        {
            throw QboException.UnsupportedOperation($"Operation Void is not supported for {kind.Entity}");
        }

        var table = company.Table(kind.Entity);
        var current = Current(table, body);
        RefuseWhenApplied(company, kind, current, "void");
        var row = Voiding.Apply(current, context.Now);
        table.Replace(row);
        AfterWrite(company, kind, current, row, context.Now);
        company.Record(kind.Entity, row["Id"]!.GetValue<string>(), "Void", context.Now);
        return row;
    }

    private static void AfterWrite(Company company, EntityKind kind, JsonObject? before, JsonObject? after, DateTimeOffset now)
    {
        if (kind.Entity == EntityNames.Payment)
        {
            PaymentRules.AfterWrite(company, before, after, now);
        }
    }

    /// <summary>Linked transactions must be unlinked first (REFERENCE §2.6): an invoice or credit memo a payment uses stays.</summary>
    private static void RefuseWhenApplied(Company company, EntityKind kind, JsonObject current, string operation)
    {
        if (kind.Entity is EntityNames.Invoice or EntityNames.CreditMemo
            && PaymentApplications.AppliedTo(company, kind.Entity, current["Id"]!.GetValue<string>()) > 0)
        {
            throw QboException.BusinessValidation(
                $"Business Validation Error: This transaction has payments or credits applied: unlink them before you {operation} it.", "Id");
        }
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
