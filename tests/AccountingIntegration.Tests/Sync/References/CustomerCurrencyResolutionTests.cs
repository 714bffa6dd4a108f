using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.Concurrency;
using Microsoft.Extensions.Caching.Memory;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>
/// A mapped document's customer in the document's currency, found and named as the vendors' books find and name theirs
/// (<see cref="CustomerFinder"/>): whichever path creates a buyer's euro customer, the other finds it.
/// </summary>
public sealed class CustomerCurrencyResolutionTests
{
    private static readonly CustomerCurrency Euros = new("EUR", "USD");
    private static readonly CustomerCurrency Dollars = new("USD", "USD");

    private static async Task<ReferenceWorld> MulticurrencyAsync()
    {
        var world = await ReferenceWorld.StartAsync();
        world.Session.Sandbox.State.UpdateCompanySettings(world.Session.Credentials.RealmId, new CompanySettings { MultiCurrencyEnabled = true });
        return world;
    }

    /// <summary>The books' finder, as another process runs it (its own cache and lock).</summary>
    private static Task<string> BooksCustomerAsync(ReferenceWorld world, Party buyer, string currency)
    {
        var cache = new MemoryCache(new MemoryCacheOptions());
        var locks = new KeyedLock();
        var finder = new CustomerFinder(world.Session.Client, locks, cache, new ReferenceDirectory(world.Session.Client, locks, cache, world.Time));
        return finder.FindOrCreateAsync(world.Session.Credentials, new CustomerRequest(buyer, currency, "USD", "Online sales", "Shopify", MayCreate: true), default);
    }

    private static Task<string> MappedCustomerAsync(ReferenceWorld world, string value, CustomerCurrency currency, ResolutionPolicy policy) =>
        world.Resolver(otherProcess: true).ResolveAsync(world.Session.Credentials, "Customer", value, policy, "CustomerRef.value", currency, default);

    [Fact]
    public async Task EuroDocument_FindsTheEuroCustomerTheBooksCreated_ByEmailOrName_AndNeverForADollarDocument()
    {
        await using var world = await MulticurrencyAsync();
        var books = await BooksCustomerAsync(world, new Party { Name = "Marie Tremblay", Email = "marie@example.com" }, "EUR");

        var byEmail = await MappedCustomerAsync(world, "marie@example.com", Euros, ReferenceWorld.CreateNothing);
        var byName = await MappedCustomerAsync(world, "Marie Tremblay", Euros, ReferenceWorld.CreateNothing);
        var inDollars = await Assert.ThrowsAsync<ReferenceNotFoundException>(() => MappedCustomerAsync(world, "Marie Tremblay", Dollars, ReferenceWorld.CreateNothing));

        Assert.Equal((books, books), (byEmail, byName));
        Assert.Equal("Marie Tremblay (EUR)", (string?)(await world.ReadAsync("Customer", books))["DisplayName"]);
        Assert.Equal("Marie Tremblay", inDollars.LookupValue);
    }

    [Fact]
    public async Task EuroCustomerTheMappingCreated_IsTheOneTheBooksFind()
    {
        await using var world = await MulticurrencyAsync();

        var mapped = await MappedCustomerAsync(world, "Acme GmbH", Euros, ReferenceWorld.CreateAll);
        var books = await BooksCustomerAsync(world, new Party { Company = "Acme GmbH", Email = "billing@acme.example" }, "EUR");
        var home = await MappedCustomerAsync(world, "Acme GmbH", Dollars, ReferenceWorld.CreateAll);

        var (euroCustomer, homeCustomer) = (await world.ReadAsync("Customer", mapped), await world.ReadAsync("Customer", home));
        Assert.Equal(("Acme GmbH (EUR)", "EUR"), ((string?)euroCustomer["DisplayName"], (string?)euroCustomer["CurrencyRef"]!["value"]));
        Assert.Equal(mapped, books);
        Assert.Equal(("Acme GmbH", "USD"), ((string?)homeCustomer["DisplayName"], (string?)homeCustomer["CurrencyRef"]!["value"]));
    }

    /// <summary>
    /// A name longer than QBO's 500-character DisplayName: the mapping creates the euro customer under the name cut short
    /// before " (EUR)", and another process finds it again under that name, as the books do (the same rule names both).
    /// </summary>
    [Fact]
    public async Task EuroCustomerOfA600CharacterName_IsCreatedWithin500Characters_AndFoundAgainByTheMappingAndTheBooks()
    {
        await using var world = await MulticurrencyAsync();
        var name = "Acme " + new string('x', 595);

        var mapped = await MappedCustomerAsync(world, name, Euros, ReferenceWorld.CreateAll);
        var again = await MappedCustomerAsync(world, name, Euros, ReferenceWorld.CreateNothing);
        var books = await BooksCustomerAsync(world, new Party { Company = name }, "EUR");

        var customer = await world.ReadAsync("Customer", mapped);
        Assert.Equal(name[..494] + " (EUR)", (string?)customer["DisplayName"]);
        Assert.Equal("EUR", (string?)customer["CurrencyRef"]!["value"]);
        Assert.Equal((mapped, mapped), (again, books));
    }

    /// <summary>Looked for in QBO (not created), a home customer of the name is not the euro one: the refusal names the customer sought.</summary>
    [Fact]
    public async Task EuroDocument_OnlyAHomeCustomerOfTheName_CreatingOff_IsNotFoundAsNameInEuros()
    {
        await using var world = await MulticurrencyAsync();

        var refused = await Assert.ThrowsAsync<ReferenceNotFoundException>(() => MappedCustomerAsync(world, "Cool Cars", Euros, ReferenceWorld.CreateNothing));

        Assert.Equal("3", await MappedCustomerAsync(world, "Cool Cars", Dollars, ReferenceWorld.CreateNothing));
        Assert.Equal("Cool Cars (EUR)", refused.LookupValue);
    }
}
