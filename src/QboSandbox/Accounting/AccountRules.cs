using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Account create rules: Name unique, AccountType known; Classification derived from the type.</summary>
internal static class AccountRules
{
    private static readonly Dictionary<string, string> Classifications = new(StringComparer.Ordinal)
    {
        ["Bank"] = "Asset",
        ["Accounts Receivable"] = "Asset",
        ["Other Current Asset"] = "Asset",
        ["Fixed Asset"] = "Asset",
        ["Other Asset"] = "Asset",
        ["Accounts Payable"] = "Liability",
        ["Credit Card"] = "Liability",
        ["Other Current Liability"] = "Liability",
        ["Long Term Liability"] = "Liability",
        ["Equity"] = "Equity",
        ["Income"] = "Revenue",
        ["Other Income"] = "Revenue",
        ["Expense"] = "Expense",
        ["Other Expense"] = "Expense",
        ["Cost of Goods Sold"] = "Expense",
    };

    public static JsonObject Create(Company company, JsonObject body, CreateContext context)
    {
        var row = Build(company, body, context, existing: null);
        company.Table(EntityNames.Account).Add(row);
        return row;
    }

    public static JsonObject Build(Company company, JsonObject body, CreateContext context, JsonObject? existing)
    {
        var name = JsonRead.Str(body, "Name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw QboException.RequiredMissing("Name");
        }

        EntityRow.CheckLength(name, "Name", 100);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw QboException.BusinessValidation("Invalid character : in Name. The colon character is not allowed in names.", "Name");
        }

        var type = JsonRead.Str(body, "AccountType") ?? throw QboException.RequiredMissing("AccountType");
        if (!Classifications.TryGetValue(type, out var classification))
        {
            throw QboException.InvalidProperty($"Property Name:AccountType specified is unsupported or invalid: {type}");
        }

        var table = company.Table(EntityNames.Account);
        if (table.FindBy("Name", name, ignoreCase: true) is { } taken && taken["Id"]!.GetValue<string>() != existing?["Id"]?.GetValue<string>())
        {
            throw QboException.DuplicateName("account");
        }

        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        row["Name"] = name;
        row["SubAccount"] = false;
        row["FullyQualifiedName"] = name;
        row["Active"] = JsonRead.Bool(body, "Active") ?? true;
        row["Classification"] = classification;
        row["AccountType"] = type;
        row["CurrentBalance"] = existing?["CurrentBalance"]?.DeepClone() ?? 0m;
        row["CurrentBalanceWithSubAccounts"] = existing?["CurrentBalanceWithSubAccounts"]?.DeepClone() ?? 0m;
        EntityRow.CopyClientFields(row, body, "CurrentBalance", "CurrentBalanceWithSubAccounts", "FullyQualifiedName");
        EntityRow.Default(row, "CurrencyRef", Books.Currencies.Home(company));
        return row;
    }
}
