using System.Net;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// An in-house app's orders in another currency than the company's, booked through the generic template (which maps
/// <c>currency</c> to <c>CurrencyRef.value</c>): a QBO customer has one currency, fixed at its creation, and a document
/// must be in its customer's, so a euro order needs a customer in euros, named "Name (EUR)" as the vendors' books name one.
/// </summary>
public sealed class MappedForeignCurrencyTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly CompanySettings MulticurrencyUs = new() { Country = "US", MultiCurrencyEnabled = true };

    /// <summary>Two consulting hours at 150.00: 300.00 in the order's currency.</summary>
    private static string Order(string id, string currency, JsonObject customer) => new JsonObject
    {
        ["id"] = id,
        ["date"] = "2026-03-01",
        ["currency"] = currency,
        ["customer"] = customer,
        ["lines"] = new JsonArray(new JsonObject { ["description"] = "Consulting", ["quantity"] = 2, ["unitPrice"] = "150.00" }),
    }.ToJsonString();

    private static JsonObject Named(string name) => new() { ["name"] = name };

    [Theory, BothDatabases]
    public async Task EuroOrders_MulticurrencyCompany_BookInEurosForOneEuroCustomer_AndADollarOrderForTheHomeOne(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", company: MulticurrencyUs);

        var first = await world.DeliverAsync(Order("SO-1", "eur", Named("Acme GmbH")));
        var second = await world.DeliverAsync(Order("SO-2", "EUR", Named("Acme GmbH")));
        var dollars = await world.DeliverAsync(Order("SO-3", "usd", Named("Acme GmbH")));

        foreach (var sale in new[] { first, second, dollars })
        {
            Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        }

        var (firstInvoice, secondInvoice, dollarInvoice) = (Invoice(world, first), Invoice(world, second), Invoice(world, dollars));
        Assert.Equal(("EUR", 300m), ((string?)firstInvoice["CurrencyRef"]!["value"], (decimal)firstInvoice["TotalAmt"]!));
        Assert.Equal(("EUR", 300m), ((string?)secondInvoice["CurrencyRef"]!["value"], (decimal)secondInvoice["TotalAmt"]!));
        Assert.Equal(("USD", 300m), ((string?)dollarInvoice["CurrencyRef"]!["value"], (decimal)dollarInvoice["TotalAmt"]!));

        var euroCustomer = Customer(world, firstInvoice);
        Assert.Equal(("Acme GmbH (EUR)", "EUR"), ((string?)euroCustomer["DisplayName"], (string?)euroCustomer["CurrencyRef"]!["value"]));
        Assert.Equal((string?)euroCustomer["Id"], (string?)secondInvoice["CustomerRef"]!["value"]);
        var homeCustomer = Customer(world, dollarInvoice);
        Assert.Equal(("Acme GmbH", "USD"), ((string?)homeCustomer["DisplayName"], (string?)homeCustomer["CurrencyRef"]!["value"]));
        Assert.Equal(2, world.Entities("Customer").Count(c => ((string?)c["DisplayName"])!.StartsWith("Acme GmbH", StringComparison.Ordinal)));

        // The receivable is kept in the home currency: each euro invoice at its rate, the dollar one as it is.
        var ledger = await world.LedgerAsync();
        Assert.Equal(new[] { firstInvoice, secondInvoice, dollarInvoice }.Sum(i => (decimal)i["HomeTotalAmt"]!), ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(300m, (decimal)dollarInvoice["HomeTotalAmt"]!);
    }

    /// <summary>
    /// The template finds a customer by e-mail first: the home-currency customer of that e-mail, found (and remembered) for
    /// a dollar order, must not answer for a euro order of the same buyer.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EuroOrder_AfterADollarOrderOfTheSameEmail_GetsACustomerInEuros(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", company: MulticurrencyUs);
        var buyer = new JsonObject { ["name"] = "Jane Roe", ["email"] = "jane@example.com" };

        var dollars = await world.DeliverAsync(Order("SO-11", "USD", (JsonObject)buyer.DeepClone()));
        var euros = await world.DeliverAsync(Order("SO-12", "EUR", (JsonObject)buyer.DeepClone()));
        var eurosAgain = await world.DeliverAsync(Order("SO-13", "EUR", (JsonObject)buyer.DeepClone()));

        Assert.True(dollars.Status == PayloadStatus.Succeeded, dollars.ToString());
        Assert.True(euros.Status == PayloadStatus.Succeeded, euros.ToString());
        Assert.True(eurosAgain.Status == PayloadStatus.Succeeded, eurosAgain.ToString());
        var homeCustomer = Customer(world, Invoice(world, dollars));
        var euroCustomer = Customer(world, Invoice(world, euros));
        Assert.Equal("USD", (string?)homeCustomer["CurrencyRef"]!["value"]);
        Assert.Equal(("jane@example.com (EUR)", "EUR", "jane@example.com"),
            ((string?)euroCustomer["DisplayName"], (string?)euroCustomer["CurrencyRef"]!["value"], (string?)euroCustomer["PrimaryEmailAddr"]?["Address"]));
        Assert.Equal("EUR", (string?)Invoice(world, euros)["CurrencyRef"]!["value"]);
        Assert.Equal((string?)euroCustomer["Id"], (string?)Invoice(world, eurosAgain)["CustomerRef"]!["value"]);
    }

    [Theory, BothDatabases]
    public async Task EuroOrder_SingleCurrencyCompany_IsRefusedNamingCurrencyRef(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", company: new CompanySettings { Country = "US" });
        var customers = world.Entities("Customer").Count;

        var refused = await world.DeliverAsync(Order("SO-21", "eur", Named("Acme GmbH")));

        Assert.Equal(PayloadStatus.Failed, refused.Status);
        Assert.StartsWith("BOOKING_REFUSED: CurrencyRef.value: ", refused.LastError);
        Assert.Contains("The document is in EUR but the company keeps its books in USD", refused.LastError);
        Assert.Contains("multicurrency is off", refused.LastError);
        Assert.Empty(world.Entities("Invoice"));
        Assert.Equal(customers, world.Entities("Customer").Count);
    }

    /// <summary>Refused while multicurrency was off, the order is replayed once it is on: the company is read again, and it is booked.</summary>
    [Theory, BothDatabases]
    public async Task RefusedEuroOrder_ReplayedAfterMulticurrencyIsTurnedOn_IsBookedInEuros(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", company: new CompanySettings { Country = "US" });
        var refused = await world.DeliverAsync(Order("SO-31", "EUR", Named("Acme GmbH")));
        Assert.Equal(PayloadStatus.Failed, refused.Status);

        world.Connect.Sandbox.State.UpdateCompanySettings(world.RealmId, new CompanySettings { MultiCurrencyEnabled = true });
        using var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{refused.PayloadId}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await world.SettledAsync(refused.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead);

        Assert.True(replayed.Status == PayloadStatus.Succeeded, replayed.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal("EUR", (string?)invoice["CurrencyRef"]!["value"]);
        Assert.Equal("Acme GmbH (EUR)", (string?)Customer(world, invoice)["DisplayName"]);
    }

    /// <summary>
    /// A mapping of the organization's own that takes the order's currency as written ("eur", where the template upper-cases
    /// it): the invoice goes to QBO in "EUR", for the euro customer someone already keeps in QBO as "Acme GmbH (EUR)".
    /// </summary>
    [Theory, BothDatabases]
    public async Task CustomMappingWritingEurInLowerCase_SendsEur_ForTheEuroCustomerAlreadyInQbo(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", company: MulticurrencyUs);
        await world.Services.GetRequiredService<MappingStore>().UpsertSourceMappingAsync(world.Organization.OrganizationId, world.Source.SourceId,
            """[{ "qboField": "CurrencyRef.value", "sourceField": "currency" }]""", "{}", 10, true, default);
        world.Services.GetRequiredService<MappingCache>().InvalidateAll();
        var kept = await AddInQboAsync(world, "Customer", new JsonObject { ["DisplayName"] = "Acme GmbH (EUR)", ["CurrencyRef"] = new JsonObject { ["value"] = "EUR" } });
        var customers = world.Entities("Customer").Count;

        var sale = await world.DeliverAsync(Order("SO-41", "eur", Named("Acme GmbH")));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var sent = JsonNode.Parse(sale.Detail.GetProperty("syncLogs")[0].GetProperty("requestPayload").GetString()!)!;
        Assert.Equal("EUR", (string?)sent["CurrencyRef"]!["value"]);
        var invoice = Invoice(world, sale);
        Assert.Equal((kept, "EUR", 300m), ((string?)invoice["CustomerRef"]!["value"], (string?)invoice["CurrencyRef"]!["value"], (decimal)invoice["TotalAmt"]!));
        Assert.Equal(customers, world.Entities("Customer").Count);
    }

    /// <summary>
    /// A buyer's name longer than QBO's 500-character DisplayName: the euro customer is created once, named within the limit
    /// and keeping " (EUR)", and a later order (the service's memory of it long gone) finds it under the same name.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EuroOrdersOfA600CharacterName_BookForOneCustomerNamedWithin500Characters(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", company: MulticurrencyUs);
        var name = "Acme " + new string('x', 595);

        var first = await world.DeliverAsync(Order("SO-51", "EUR", Named(name)));
        world.Clock.Advance(QboReferenceResolver.MaxAge + TimeSpan.FromMinutes(1));
        var second = await world.DeliverAsync(Order("SO-52", "EUR", Named(name)));

        Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        var customer = Customer(world, Invoice(world, first));
        Assert.Equal((name[..494] + " (EUR)", "EUR"), ((string?)customer["DisplayName"], (string?)customer["CurrencyRef"]!["value"]));
        Assert.Equal((string?)customer["Id"], (string?)Invoice(world, second)["CustomerRef"]!["value"]);
        Assert.Single(world.Entities("Customer"), c => ((string?)c["DisplayName"])!.StartsWith("Acme xxx", StringComparison.Ordinal));
    }

    /// <summary>Someone working in the company in QBO, through the service's own client (on the fake clock the pump moves).</summary>
    private static async Task<string> AddInQboAsync(PipelineWorld world, string entity, JsonObject body)
    {
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, default);
        var created = await world.Pump.WhileAsync(world.Services.GetRequiredService<QboClient>()
            .CreateAsync(new QboCredentials(token.RealmId, token.AccessToken), entity, body, null, default));
        return (string)created["Id"]!;
    }

    private static JsonObject Invoice(PipelineWorld world, Delivered sale) =>
        Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == sale.DocumentId);

    private static JsonObject Customer(PipelineWorld world, JsonObject invoice) =>
        Assert.Single(world.Entities("Customer"), c => (string?)c["Id"] == (string?)invoice["CustomerRef"]!["value"]);
}
