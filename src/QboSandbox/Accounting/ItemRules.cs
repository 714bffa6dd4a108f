using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Item create rules (REFERENCE §4.2): Name unique, Type explicit, account refs by type.</summary>
internal static class ItemRules
{
    private static readonly string[] Types = ["Service", "NonInventory", "Inventory"];

    public static JsonObject Build(Company company, JsonObject body, CreateContext context, JsonObject? existing)
    {
        var name = JsonRead.Str(body, "Name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw QboException.RequiredMissing("Name");
        }

        EntityRow.CheckLength(name, "Name", 100);

        // Type must be explicit from minorversion 4; every request is at least 75 now (REFERENCE §2.3).
        var type = JsonRead.Str(body, "Type");
        if (type is null && context.MinorVersion >= 4)
        {
            throw QboException.RequiredMissing("Type");
        }

        type ??= "Service";
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            throw QboException.InvalidProperty($"Property Name:Type specified is unsupported or invalid: {type}");
        }

        var table = company.Table(EntityNames.Item);
        if (table.FindBy("Name", name, ignoreCase: true) is { } taken && taken["Id"]!.GetValue<string>() != existing?["Id"]?.GetValue<string>())
        {
            throw QboException.DuplicateName("product or service");
        }

        var accounts = new JsonObject();
        ResolveAccount(company, context, body, accounts, "IncomeAccountRef", required: true);
        ResolveAccount(company, context, body, accounts, "ExpenseAccountRef", required: type == "Inventory");
        ResolveAccount(company, context, body, accounts, "AssetAccountRef", required: type == "Inventory");
        if (type == "Inventory")
        {
            RequireInventoryFields(body);
        }

        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        row["Name"] = name;
        row["FullyQualifiedName"] = name;
        row["Active"] = JsonRead.Bool(body, "Active") ?? true;
        row["Type"] = type;
        foreach (var (refName, reference) in accounts)
        {
            row[refName] = reference!.DeepClone();
        }

        row["UnitPrice"] = JsonRead.Dec(body, "UnitPrice") ?? 0m;
        EntityRow.CopyClientFields(row, body, "FullyQualifiedName");
        EntityRow.Default(row, "Taxable", false);
        EntityRow.Default(row, "TrackQtyOnHand", false);
        return row;
    }

    private static void ResolveAccount(Company company, CreateContext context, JsonObject body, JsonObject into, string refName, bool required)
    {
        var id = JsonRead.RefValue(body, refName);
        if (id is null)
        {
            if (required)
            {
                throw QboException.RequiredMissing(refName);
            }

            return;
        }

        var account = company.Table(EntityNames.Account).Find(id);
        if (account is null || !EntityRow.IsActive(account) || !context.CanReference(EntityNames.Account, id))
        {
            throw QboException.ObjectNotFound(refName);
        }

        into[refName] = JsonRead.Ref(id, EntityRow.Name(account, "Name"));
    }

    private static void RequireInventoryFields(JsonObject body)
    {
        if (JsonRead.Bool(body, "TrackQtyOnHand") != true)
        {
            throw QboException.RequiredMissing("TrackQtyOnHand");
        }

        if (JsonRead.Dec(body, "QtyOnHand") is null)
        {
            throw QboException.RequiredMissing("QtyOnHand");
        }

        if (JsonRead.Str(body, "InvStartDate") is null)
        {
            throw QboException.RequiredMissing("InvStartDate");
        }
    }
}
