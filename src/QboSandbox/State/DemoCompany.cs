using System.Text.Json.Nodes;
using QboSandbox.Accounting;

namespace QboSandbox.State;

/// <summary>
/// The demo company seeded at start: the first realm (9341450000000001), a US company with sales tax
/// and multicurrency off, whose items and customers are created through the same rules as API writes
/// on top of the region's chart of accounts (<see cref="Books.CompanySetup"/>).
/// </summary>
internal static class DemoCompany
{
    public const string Name = "Sandbox Company_US_1";

    public static void Seed(Company company, CreateContext context)
    {
        Create(company, EntityNames.Item, context, """{"Name":"Services","Type":"Service","IncomeAccountRef":{"value":"1"}}""");
        Create(company, EntityNames.Item, context, """{"Name":"Hours","Type":"Service","UnitPrice":50,"IncomeAccountRef":{"value":"1"}}""");
        Create(company, EntityNames.Item, context, """{"Name":"Design","Type":"Service","UnitPrice":75,"Description":"Custom Design","IncomeAccountRef":{"value":"1"}}""");
        Create(company, EntityNames.Item, context, """{"Name":"Gardening Supplies","Type":"NonInventory","UnitPrice":10,"IncomeAccountRef":{"value":"2"}}""");
        Create(company, EntityNames.Customer, context, """
            {"DisplayName":"Amy's Bird Sanctuary","GivenName":"Amy","FamilyName":"Lauterbach","PrimaryEmailAddr":{"Address":"Birds@Intuit.com"},
             "BillAddr":{"Line1":"4581 Finch St.","City":"Bayshore","CountrySubDivisionCode":"CA","PostalCode":"94326"}}
            """);
        Create(company, EntityNames.Customer, context, """{"DisplayName":"Bill's Windsurf Shop","PrimaryEmailAddr":{"Address":"Surf@Intuit.com"}}""");
        Create(company, EntityNames.Customer, context, """{"DisplayName":"Cool Cars","PrimaryEmailAddr":{"Address":"Cool_Cars@intuit.com"}}""");
        Create(company, EntityNames.Customer, context, """{"DisplayName":"Dukes Basketball Camp","PrimaryEmailAddr":{"Address":"Dukes_bball@intuit.com"}}""");
    }

    private static void Create(Company company, string entity, CreateContext context, string json) =>
        EntityService.Create(company, entity, JsonNode.Parse(json)!.AsObject(), context);
}
