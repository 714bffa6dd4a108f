using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Stands in for QBO's automated sales tax engine: the destination is the ShipAddr, else the company
/// address (Intuit, "Manage sales tax for US locales"); its state picks a rate from a fixed table
/// (<see cref="SandboxOptions.AutomatedSalesTaxRates"/>) instead of Intuit's address lookup. The engine
/// creates the agency, rate and code it assigns, as AST does ("TaxCode object created by AST",
/// Intuit blog "Using QuickBooks Online API for automated sales tax", 2017-12-11).
/// </summary>
internal static class AutomatedSalesTax
{
    /// <summary>Illustrative combined rates by state; not real jurisdiction rates.</summary>
    public static readonly IDictionary<string, decimal> DefaultRates = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["CA"] = 8.25m,
        ["NY"] = 8.875m,
        ["TX"] = 8.25m,
        ["WA"] = 10.25m,
        ["FL"] = 7m,
        ["IL"] = 10.25m,
        ["MA"] = 6.25m,
        ["OR"] = 0m,
        ["*"] = 6m,
    };

    /// <summary>The TaxCode id AST assigns to a sale shipped to this address (created on first use).</summary>
    public static string CodeFor(Company company, JsonObject? shipAddr, SandboxOptions options, DateTimeOffset now)
    {
        var state = (shipAddr?["CountrySubDivisionCode"] as JsonValue)?.ToString();
        if (string.IsNullOrWhiteSpace(state))
        {
            state = CompanyInfoRow.Subdivision(company);
        }

        state = state.Trim().ToUpperInvariant();
        var name = $"{state} (AST)";
        if (TaxEntities.CodeId(company, name) is { } existing)
        {
            return existing;
        }

        var rates = options.AutomatedSalesTaxRates ?? DefaultRates;
        var percent = rates.TryGetValue(state, out var p) ? p : rates.TryGetValue("*", out var fallback) ? fallback : 0m;
        var agency = TaxEntities.Add(company.Table(EntityNames.TaxAgency), now, new JsonObject
        {
            ["DisplayName"] = $"{state} Department of Revenue (AST)",
            ["TaxTrackedOnSales"] = true,
            ["TaxTrackedOnPurchases"] = false,
        });
        var rate = TaxEntities.Add(company.Table(EntityNames.TaxRate), now, new JsonObject
        {
            ["Name"] = name,
            ["Description"] = name,
            ["Active"] = true,
            ["RateValue"] = percent,
            ["AgencyRef"] = JsonRead.Ref(agency),
            ["SpecialTaxType"] = "NONE",
            ["DisplayType"] = "ReadOnly",
        });
        return TaxEntities.Add(company.Table(EntityNames.TaxCode), now, new JsonObject
        {
            ["Name"] = name,
            ["Description"] = name,
            ["Active"] = true,
            ["Hidden"] = false,
            ["Taxable"] = true,
            ["TaxGroup"] = true,
            ["SalesTaxRateList"] = new JsonObject
            {
                ["TaxRateDetail"] = new JsonArray(new JsonObject
                {
                    ["TaxRateRef"] = JsonRead.Ref(rate, name),
                    ["TaxTypeApplicable"] = "TaxOnAmount",
                    ["TaxOrder"] = 0,
                }),
            },
            ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = new JsonArray() },
        });
    }
}
