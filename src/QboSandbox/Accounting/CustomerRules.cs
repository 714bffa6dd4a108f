using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Customer create rules (REFERENCE §4.1). Call under the company's gate.</summary>
internal static class CustomerRules
{
    private static readonly string[] NameParts = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"];

    public static JsonObject Create(Company company, JsonObject body, CreateContext context)
    {
        foreach (var part in NameParts)
        {
            EntityRow.CheckLength(JsonRead.Str(body, part), part, part is "Title" or "Suffix" ? 16 : 100);
        }

        // DisplayName, or built from the name parts when left out.
        var displayName = JsonRead.Str(body, "DisplayName")?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            displayName = string.Join(' ', NameParts
                .Select(p => JsonRead.Str(body, p)?.Trim())
                .Where(p => !string.IsNullOrEmpty(p)));
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
        var table = company.Table(EntityNames.Customer);

        // Unique across customers (this emulator has no vendors or employees to compare with).
        if (table.FindBy("DisplayName", displayName, ignoreCase: true) is not null)
        {
            throw QboException.DuplicateName("customer, vendor or employee");
        }

        var active = JsonRead.Bool(body, "Active") ?? true;
        var row = EntityRow.Start(table.NextId(), context.Now);
        row["DisplayName"] = displayName;
        row["FullyQualifiedName"] = displayName;
        row["PrintOnCheckName"] = JsonRead.Str(body, "PrintOnCheckName") ?? displayName;
        row["Active"] = active;
        row["Balance"] = 0m;
        row["BalanceWithJobs"] = 0m;
        EntityRow.CopyClientFields(row, body, "Balance", "BalanceWithJobs", "FullyQualifiedName");
        EntityRow.Default(row, "Taxable", true);
        EntityRow.Default(row, "Job", false);
        EntityRow.Default(row, "BillWithParent", false);
        EntityRow.Default(row, "PreferredDeliveryMethod", "Print");
        EntityRow.Default(row, "CurrencyRef", Books.Currencies.Home(company));
        table.Add(row);
        return row;
    }
}
