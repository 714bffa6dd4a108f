using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Currency of a transaction (Intuit, "Manage multiple currencies"; REFERENCE §3.3): CurrencyRef.value
/// is an ISO code, by default the customer's; a customer has one currency and its transactions must be
/// in it; a currency other than the home currency needs Preferences.CurrencyPrefs.MultiCurrencyEnabled.
/// ExchangeRate (home units per foreign unit) defaults to 1 for the home currency, else to a fixed table;
/// HomeTotalAmt = TotalAmt × ExchangeRate to the cent. QBO's exact fault texts for these cases are not
/// published: the sandbox answers 6000 with its own detail.
/// </summary>
internal static class CurrencyRules
{
    // Units of USD per unit: a deterministic stand-in for QBO's daily exchange-rate feed.
    private static readonly Dictionary<string, decimal> UsdPer = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m,
        ["EUR"] = 1.10m,
        ["GBP"] = 1.25m,
        ["CAD"] = 0.75m,
        ["AUD"] = 0.65m,
        ["NZD"] = 0.60m,
        ["JPY"] = 0.0070m,
        ["CHF"] = 1.12m,
        ["MXN"] = 0.055m,
        ["INR"] = 0.012m,
    };

    /// <summary>The currency code a new customer or transaction gets; refused when not allowed.</summary>
    public static string Resolve(Company company, JsonObject body, JsonObject? customer)
    {
        var home = company.Settings.HomeCurrency!;
        var sent = JsonRead.RefValue(body, "CurrencyRef")?.Trim().ToUpperInvariant();
        var customerCurrency = customer?["CurrencyRef"]?["value"]?.GetValue<string>() ?? home;
        var currency = sent ?? customerCurrency;
        if (!Currencies.IsKnown(currency))
        {
            throw QboException.InvalidProperty($"Property Name:CurrencyRef specified is unsupported or invalid: {currency}");
        }

        if (currency != home && company.Settings.MultiCurrencyEnabled != true)
        {
            throw QboException.BusinessValidation(
                $"Business Validation Error: Multicurrency is not turned on for this company, so {currency} cannot be used; the home currency is {home}.",
                "CurrencyRef");
        }

        if (customer is not null && currency != customerCurrency)
        {
            throw QboException.BusinessValidation(
                $"Business Validation Error: The transaction currency {currency} does not match the customer's currency {customerCurrency}.",
                "CurrencyRef");
        }

        return currency;
    }

    /// <summary>Sets CurrencyRef and, on a multicurrency company, ExchangeRate and the home-currency amounts.</summary>
    public static void Stamp(Company company, JsonObject row, JsonObject body, string currency, params string[] amounts)
    {
        row["CurrencyRef"] = Currencies.Ref(currency);
        if (company.Settings.MultiCurrencyEnabled != true)
        {
            return;
        }

        var home = company.Settings.HomeCurrency!;
        var rate = currency == home ? 1m : JsonRead.Dec(body, "ExchangeRate") ?? DefaultRate(currency, home);
        if (rate <= 0)
        {
            throw QboException.InvalidProperty("Property Name:ExchangeRate specified is unsupported or invalid");
        }

        row["ExchangeRate"] = rate;
        foreach (var amount in amounts)
        {
            if (row[amount] is JsonValue value)
            {
                row["Home" + amount] = Money.Round(value.GetValue<decimal>() * rate);
            }
        }
    }

    public static decimal DefaultRate(string currency, string home) =>
        UsdPer.TryGetValue(currency, out var from) && UsdPer.TryGetValue(home, out var to) ? Math.Round(from / to, 6) : 1m;
}
