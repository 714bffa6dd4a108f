using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Customer, Vendor and Employee (REFERENCE §4.1): DisplayName, or built from the name parts; unique
/// across all three (6240 "Another customer, vendor or employee is already using this name"); no colon.
/// Customers and vendors have one currency (home by default; another needs multicurrency). Updates
/// re-run the same rules (an update may keep its own name). Call under the gate.
/// </summary>
internal static class PartyRules
{
    private static readonly string[] NameParts = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"];

    public static JsonObject Build(Company company, string entity, JsonObject body, CreateContext context, JsonObject? existing)
    {
        foreach (var part in NameParts)
        {
            EntityRow.CheckLength(JsonRead.Str(body, part), part, part is "Title" or "Suffix" ? 16 : 100);
        }

        var displayName = JsonRead.Str(body, "DisplayName")?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            displayName = string.Join(' ', NameParts.Select(p => JsonRead.Str(body, p)?.Trim()).Where(p => !string.IsNullOrEmpty(p)));
        }

        if (displayName.Length == 0)
        {
            throw QboException.RequiredMissing("DisplayName");
        }

        EntityRow.CheckLength(displayName, "DisplayName", 500);
        if (displayName.Contains(':', StringComparison.Ordinal))
        {
            throw QboException.BusinessValidation("Invalid character : in DisplayName. The colon character is not allowed in names.", "DisplayName");
        }

        EntityRow.CheckLength(JsonRead.Str(body, "PrintOnCheckName"), "PrintOnCheckName", 110);
        var ownId = existing?["Id"]?.GetValue<string>();
        foreach (var other in EntityNames.Names)
        {
            if (company.Table(other).FindBy("DisplayName", displayName, ignoreCase: true) is { } taken
                && !(other == entity && taken["Id"]!.GetValue<string>() == ownId))
            {
                throw QboException.DuplicateName("customer, vendor or employee");
            }
        }

        var table = company.Table(entity);
        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        row["DisplayName"] = displayName;
        row["PrintOnCheckName"] = JsonRead.Str(body, "PrintOnCheckName") ?? displayName;
        row["Active"] = JsonRead.Bool(body, "Active") ?? true;
        if (entity != EntityNames.Employee)
        {
            // A customer's currency cannot change once it has transactions; the sandbox keeps the first one.
            var currency = existing?["CurrencyRef"]?["value"]?.GetValue<string>() ?? CurrencyRules.Resolve(company, body, null);
            row["CurrencyRef"] = Currencies.Ref(currency);
            row["Balance"] = existing?["Balance"]?.DeepClone() ?? 0m;
        }

        Defaults(entity, row, displayName);
        EntityRow.CopyClientFields(row, body, "Balance", "BalanceWithJobs", "FullyQualifiedName", "CurrencyRef");
        return row;
    }

    private static void Defaults(string entity, JsonObject row, string displayName)
    {
        switch (entity)
        {
            case EntityNames.Customer:
                row["FullyQualifiedName"] = displayName;
                row["BalanceWithJobs"] = row["Balance"]!.DeepClone();
                EntityRow.Default(row, "Taxable", true);
                EntityRow.Default(row, "Job", false);
                EntityRow.Default(row, "BillWithParent", false);
                EntityRow.Default(row, "PreferredDeliveryMethod", "Print");
                break;
            case EntityNames.Vendor:
                EntityRow.Default(row, "Vendor1099", false);
                break;
            default:
                EntityRow.Default(row, "BillableTime", false);
                break;
        }
    }
}
