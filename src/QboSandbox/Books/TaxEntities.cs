using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Creates a region's TaxAgency, TaxRate and TaxCode rows (shapes of Intuit's TaxAgency, TaxRate and
/// TaxCode references). US companies also get the line-level pseudo codes TAX and NON that US sales
/// lines carry (Intuit's Invoice sample: line TaxCodeRef "TAX", transaction TxnTaxCodeRef "2").
/// </summary>
internal static class TaxEntities
{
    public const string Taxable = "TAX";
    public const string NonTaxable = "NON";

    public static void Seed(Company company, DateTimeOffset now)
    {
        var taxes = TaxTables.For(company.Region);
        var agencies = company.Table(EntityNames.TaxAgency);
        var agencyIds = taxes.Agencies.Select(name => Add(agencies, now, new JsonObject
        {
            ["DisplayName"] = name,
            ["TaxTrackedOnSales"] = true,
            ["TaxTrackedOnPurchases"] = !company.Region.IsUs,
        })).ToList();

        var rates = company.Table(EntityNames.TaxRate);
        var rateIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rate in taxes.Rates)
        {
            rateIds[rate.Name] = Add(rates, now, new JsonObject
            {
                ["Name"] = rate.Name,
                ["Description"] = rate.Name,
                ["Active"] = true,
                ["RateValue"] = rate.Percent,
                ["AgencyRef"] = JsonRead.Ref(agencyIds[rate.Agency]),
                ["SpecialTaxType"] = "NONE",
                ["DisplayType"] = "ReadOnly",
            });
        }

        var codes = company.Table(EntityNames.TaxCode);
        if (company.Region.IsUs)
        {
            AddPseudoCode(codes, now, Taxable, true);
            AddPseudoCode(codes, now, NonTaxable, false);
        }

        foreach (var code in taxes.Codes)
        {
            var details = new JsonArray([.. code.Rates.Select((name, order) => (JsonNode)new JsonObject
            {
                ["TaxRateRef"] = JsonRead.Ref(rateIds[name], name),
                ["TaxTypeApplicable"] = "TaxOnAmount",
                ["TaxOrder"] = order,
            })]);
            Add(codes, now, new JsonObject
            {
                ["Name"] = code.Name,
                ["Description"] = code.Description,
                ["Active"] = true,
                ["Hidden"] = false,
                ["Taxable"] = code.Rates.Length > 0,
                ["TaxGroup"] = company.Region.IsUs || code.Rates.Length > 1,
                ["SalesTaxRateList"] = new JsonObject { ["TaxRateDetail"] = details },
                ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = new JsonArray() },
            });
        }
    }

    /// <summary>The first TaxCode with this name, or null.</summary>
    public static string? CodeId(Company company, string name) =>
        company.Table(EntityNames.TaxCode).FindBy("Name", name, ignoreCase: true)?["Id"]?.GetValue<string>();

    /// <summary>Adds a row with the next id and the given fields; returns the id.</summary>
    public static string Add(EntityTable table, DateTimeOffset now, JsonObject fields)
    {
        var row = EntityRow.Start(table.NextId(), now);
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            row[name] = value;
        }

        table.Add(row);
        return row["Id"]!.GetValue<string>();
    }

    private static void AddPseudoCode(EntityTable codes, DateTimeOffset now, string id, bool taxable)
    {
        var row = EntityRow.Start(id, now);
        row["Name"] = id;
        row["Description"] = id;
        row["Active"] = true;
        row["Taxable"] = taxable;
        row["TaxGroup"] = false;
        codes.Add(row);
    }
}
