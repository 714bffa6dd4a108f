using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Which QBO customer an order goes to. Two buyers of one name with different e-mails are two people: the second does not
/// take the first's customer (their balances and statements would mix), and each comes back to their own. A company's
/// staff buy under their own e-mails, and the company stays one customer.
/// </summary>
public sealed class CustomerMatchingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-Shopify-Topic", "orders/create");

    [Theory, BothDatabases]
    public async Task TwoPeopleOfOneName_AreTwoCustomers_EachFoundAgainByTheirEmail(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");

        var first = await BookAsync(world, OrderFrom(7101, "marie.tremblay@example.com"));
        var namesake = await BookAsync(world, OrderFrom(7102, "m.tremblay@example.org"));
        var firstAgain = await BookAsync(world, OrderFrom(7103, "Marie.Tremblay@example.com"));

        Assert.NotEqual(first, namesake);
        Assert.Equal(first, firstAgain);
        var customers = world.Entities("Customer").ToDictionary(c => (string)c["Id"]!);
        Assert.Equal("Marie Tremblay", (string?)customers[first]["DisplayName"]);
        Assert.Equal("Marie Tremblay (m.tremblay@example.org)", (string?)customers[namesake]["DisplayName"]);
        Assert.Equal("m.tremblay@example.org", (string?)customers[namesake]["PrimaryEmailAddr"]!["Address"]);
    }

    [Theory, BothDatabases]
    public async Task ACompanysStaff_BuyingUnderTheirOwnEmails_AreOneCustomer(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");

        var buyer = await BookAsync(world, OrderFrom(7111, "marie.tremblay@acme.example", company: "Acme Ltd"));
        var colleague = await BookAsync(world, OrderFrom(7112, "jean.roy@acme.example", company: "Acme Ltd"));

        Assert.Equal(buyer, colleague);
        Assert.Equal("Acme Ltd", (string?)Assert.Single(world.Entities("Customer"), c => (string?)c["Id"] == buyer)["DisplayName"]);
    }

    /// <summary>Books the order and gives the id of the customer its invoice went to.</summary>
    private static async Task<string> BookAsync(PipelineWorld world, JsonObject order)
    {
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        return (string)Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == sale.DocumentId)["CustomerRef"]!["value"]!;
    }

    private static JsonObject OrderFrom(long id, string email, string? company = null)
    {
        var order = RetaxedOrder.Create(id, "USD", 0.06m);
        order["email"] = email;
        order["contact_email"] = email;
        order["customer"]!["email"] = email;
        if (company is not null)
        {
            // Shopify names the buyer's company on the billing address only.
            if (order["billing_address"] is not JsonObject billing)
            {
                billing = [];
                order["billing_address"] = billing;
            }

            billing["company"] = company;
        }

        return order;
    }
}
