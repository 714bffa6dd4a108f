using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// What a new QBO company of a region starts with: its chart of accounts, tax agencies, rates and
/// codes, and the Preferences row; and how the control API changes the settings later.
/// </summary>
internal static class CompanySetup
{
    public static void Seed(Company company, CreateContext context)
    {
        foreach (var account in ChartOfAccounts.For(company.Region))
        {
            AddAccount(company, account, context);
        }

        if (company.Settings.MultiCurrencyEnabled == true)
        {
            AddAccount(company, ChartOfAccounts.ExchangeGainOrLossAccount, context);
        }

        TaxEntities.Seed(company, context.Now);
        company.Table(EntityNames.Preferences).Add(PreferencesRow.Build(company, existing: null, context.Now));
    }

    /// <summary>Applies a settings patch (call under the gate). The region is fixed once a company exists, as in QBO.</summary>
    public static void Apply(Company company, CompanySettings patch, CreateContext context)
    {
        var now = context.Now;
        var merged = company.Settings.Merge(patch);
        if (merged.Country != company.Settings.Country)
        {
            throw QboException.BusinessValidation("The country of a company cannot be changed.", "Country");
        }

        if (company.Settings.MultiCurrencyEnabled == true && merged.MultiCurrencyEnabled == false)
        {
            // QBO: once multicurrency is turned on it cannot be turned off.
            throw QboException.BusinessValidation("Multicurrency cannot be turned off once it is on.", "MultiCurrencyEnabled");
        }

        var multicurrencyTurnedOn = company.Settings.MultiCurrencyEnabled != true && merged.MultiCurrencyEnabled == true;
        var moved = merged.Subdivision != company.Settings.Subdivision;
        company.Settings = merged;
        if (moved)
        {
            CompanyInfoRow.MoveTo(company, merged.Subdivision!, now);
            company.Record(EntityNames.CompanyInfo, "1", "Update", now);
        }

        if (multicurrencyTurnedOn && company.Table(EntityNames.Account).FindBy("Name", ChartOfAccounts.ExchangeGainOrLossAccount.Name, ignoreCase: true) is null)
        {
            var account = AddAccount(company, ChartOfAccounts.ExchangeGainOrLossAccount, context);
            company.Record(EntityNames.Account, account["Id"]!.GetValue<string>(), "Create", now);
        }
        var table = company.Table(EntityNames.Preferences);
        var row = PreferencesRow.Build(company, table.Find("1"), now);
        table.Replace(row);
        company.Record(EntityNames.Preferences, "1", "Update", now);
    }

    private static JsonObject AddAccount(Company company, AccountSpec account, CreateContext context) =>
        AccountRules.Create(company, new JsonObject
        {
            ["Name"] = account.Name,
            ["AccountType"] = account.AccountType,
            ["AccountSubType"] = account.AccountSubType,
        }, context);

    /// <summary>The first active account of a detail type (AccountSubType), e.g. UndepositedFunds.</summary>
    public static JsonObject? AccountBySubType(Company company, string subType) =>
        company.Table(EntityNames.Account).Rows.FirstOrDefault(a =>
            EntityRow.IsActive(a) && string.Equals(a["AccountSubType"]?.GetValue<string>(), subType, StringComparison.Ordinal));

    public static JsonObject? AccountByType(Company company, string accountType) =>
        company.Table(EntityNames.Account).Rows.FirstOrDefault(a =>
            EntityRow.IsActive(a) && string.Equals(a["AccountType"]?.GetValue<string>(), accountType, StringComparison.Ordinal));
}
