using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>
/// CompanyInfo as QBO returns it (REFERENCE §2.1; Intuit's CompanyInfo sample): Country is the
/// region code, addresses carry the ISO alpha-3 country (REFERENCE §2.3).
/// </summary>
internal static class CompanyInfoRow
{
    public static JsonObject Build(string name, Region region, string? subdivision, DateTimeOffset now)
    {
        var address = Address(region);
        if (subdivision is not null)
        {
            address["CountrySubDivisionCode"] = subdivision;
        }

        return new JsonObject
        {
            ["Id"] = "1",
            ["SyncToken"] = "0",
            ["domain"] = "QBO",
            ["sparse"] = false,
            ["MetaData"] = new JsonObject
            {
                ["CreateTime"] = PacificTime.FormatMeta(now),
                ["LastUpdatedTime"] = PacificTime.FormatMeta(now),
            },
            ["CompanyName"] = name,
            ["LegalName"] = name,
            ["CompanyAddr"] = address.DeepClone(),
            ["CustomerCommunicationAddr"] = address.DeepClone(),
            ["LegalAddr"] = address,
            ["Country"] = region.Code,
            ["Email"] = new JsonObject { ["Address"] = "noreply@sandbox.invalid" },
            ["FiscalYearStartMonth"] = "January",
            ["SupportedLanguages"] = "en",
            ["CompanyStartDate"] = PacificTime.FormatDate(DateOnly.FromDateTime(PacificTime.ToPacific(now).DateTime)),
            ["NameValue"] = new JsonArray(
                new JsonObject { ["Name"] = "OfferingSku", ["Value"] = "QuickBooks Online Plus" },
                new JsonObject { ["Name"] = "NeoEnabled", ["Value"] = "true" },
                new JsonObject { ["Name"] = "SubscriptionStatus", ["Value"] = "PAID" }),
        };
    }

    /// <summary>The province or state of the region's default company address.</summary>
    public static string DefaultSubdivision(Region region) => Address(region)["CountrySubDivisionCode"]!.GetValue<string>();

    /// <summary>The province or state of the company's own address (<see cref="CompanySettings.Subdivision"/>).</summary>
    public static string Subdivision(Company company) =>
        company.CompanyInfo["CompanyAddr"]?["CountrySubDivisionCode"]?.GetValue<string>() ?? DefaultSubdivision(company.Region);

    /// <summary>Moves the company's addresses to <paramref name="subdivision"/>, as editing the company's address in QBO does.</summary>
    public static void MoveTo(Company company, string subdivision, DateTimeOffset now)
    {
        foreach (var name in new[] { "CompanyAddr", "LegalAddr", "CustomerCommunicationAddr" })
        {
            if (company.CompanyInfo[name] is JsonObject address)
            {
                address["CountrySubDivisionCode"] = subdivision;
            }
        }

        company.CompanyInfo["MetaData"]!["LastUpdatedTime"] = PacificTime.FormatMeta(now);
    }

    /// <summary>The company (ship-from) address: also the destination when a sale has no ShipAddr (AST).</summary>
    public static JsonObject Address(Region region) => region.Code switch
    {
        "CA" => Make(region, "100 King St W", "Toronto", "ON", "M5X 1A9"),
        "GB" => Make(region, "1 Poultry", "London", "", "EC2R 8EJ"),
        "AU" => Make(region, "1 Martin Pl", "Sydney", "NSW", "2000"),
        _ => Make(region, "123 Sierra Way", "San Pablo", "CA", "87999"),
    };

    private static JsonObject Make(Region region, string line1, string city, string subdivision, string postalCode) => new()
    {
        ["Id"] = "1",
        ["Line1"] = line1,
        ["City"] = city,
        ["Country"] = region.Alpha3,
        ["CountrySubDivisionCode"] = subdivision,
        ["PostalCode"] = postalCode,
    };
}
