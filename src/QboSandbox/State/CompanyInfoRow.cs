using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>
/// CompanyInfo as QBO returns it (REFERENCE §2.1; Intuit's CompanyInfo sample): Country is the
/// region code, addresses carry the ISO alpha-3 country (REFERENCE §2.3).
/// </summary>
internal static class CompanyInfoRow
{
    public static JsonObject Build(string name, Region region, DateTimeOffset now)
    {
        var address = Address(region);
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
