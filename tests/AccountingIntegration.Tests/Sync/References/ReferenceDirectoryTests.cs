using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync.References;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>
/// The company directory against the sandbox over HTTP: customers and items read in bulk, so new names cost a create
/// and no query, kept current by a delta once it is due, and never the cause of a second customer.
/// </summary>
public sealed class ReferenceDirectoryTests
{
    [Fact]
    public async Task NewNames_OnceTheDirectoryIsLoaded_AreCreatedWithoutAQuery()
    {
        await using var world = await ReferenceWorld.StartAsync();
        await world.ResolveAsync("Item", "Directory item 0");
        await world.ResolveAsync("Customer", "first.buyer@example.com");
        var before = await world.RequestCountAsync();

        var items = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            items.Add(await world.ResolveAsync("Item", $"Directory item {i}"));
            await world.ResolveAsync("Customer", $"buyer{i}@example.com");
        }

        // Six creates, not six creates and twelve queries (name and SKU, e-mail and name).
        Assert.Equal(6, await world.RequestCountAsync() - before);
        Assert.Equal(3, items.Distinct().Count());
        // Created names are known at once: found again without any request.
        Assert.Equal(items[0], await world.ResolveAsync("Item", "DIRECTORY ITEM 1", resolver: world.Resolver()));
        Assert.Equal(6, await world.RequestCountAsync() - before);
    }

    [Fact]
    public async Task CustomerAddedInQbo_IsFoundOnceTheDirectoryIsDue_AndNotCreatedAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await ReferenceWorld.StartAsync(clock);
        await world.ResolveAsync("Customer", "cool cars");
        var added = await world.AddInQboAsync("Customer", new { DisplayName = "Late Buyer", PrimaryEmailAddr = new { Address = "late.buyer@example.com" } });
        var customers = await world.Session.CountAsync("Customer");

        clock.Advance(ReferenceDirectory.RefreshAfter);
        var found = await world.ResolveAsync("Customer", "late.buyer@example.com");

        Assert.Equal(added, found);
        Assert.Equal(customers, await world.Session.CountAsync("Customer"));
    }

    [Fact]
    public async Task NameTakenSinceTheDirectoryLooked_TheBuyerIsTheCustomerQboHas_NotASecondOne()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var directory = new ReferenceDirectory(world.Session.Client, world.Locks, world.Cache, world.Time);
        var finder = new CustomerFinder(world.Session.Client, world.Locks, world.Cache, directory);
        await finder.FindOrCreateAsync(world.Session.Credentials, Buyer("Early Buyer", "early@example.com"), default);
        // Someone adds the customer in QBO right after the directory was read.
        var added = await world.AddInQboAsync("Customer", new { DisplayName = "Quick Buyer" });
        var customers = await world.Session.CountAsync("Customer");

        var found = await finder.FindOrCreateAsync(world.Session.Credentials, Buyer("Quick Buyer", null), default);

        Assert.Equal(added, found);
        Assert.Equal(customers, await world.Session.CountAsync("Customer"));
    }

    [Fact]
    public void Index_FindsLowestIdFirst_IgnoringCase_AndForgetsInactiveDeletedAndRenamedRows()
    {
        var index = new DirectoryIndex(ReferenceNames.Customer);
        index.Put(Customer("12", "Acme Ltd", "ap@acme.example", "EUR"));
        index.Put(Customer("9", "Acme Ltd (2)", "AP@ACME.example", null));
        index.Put(Customer("30", "Gone Inc", null, null));

        Assert.Equal([new DirectoryEntry("9", null, "AP@ACME.example"), new DirectoryEntry("12", "EUR", "ap@acme.example")], index.ByEmail("ap@acme.EXAMPLE"));
        Assert.Equal("12", Assert.Single(index.ByName(" acme ltd ")).Id);

        var renamed = Customer("12", "Acme Limited", null, "EUR");
        index.Put(renamed);
        var inactive = Customer("30", "Gone Inc", null, null);
        inactive["Active"] = false;
        index.Put(inactive);
        index.Put(new JsonObject { ["Id"] = "9", ["status"] = "Deleted" });

        Assert.Empty(index.ByName("Acme Ltd"));
        Assert.Empty(index.ByEmail("ap@acme.example"));
        Assert.Empty(index.ByName("Gone Inc"));
        Assert.Equal("12", Assert.Single(index.ByName("ACME LIMITED")).Id);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void ItemIndex_FindsByNameAndSku()
    {
        var index = new DirectoryIndex(ReferenceNames.Item);
        index.Put(new JsonObject { ["Id"] = "5", ["Name"] = "Blue Mug", ["Sku"] = "MUG-B" });

        Assert.Equal("5", Assert.Single(index.ByName("blue mug")).Id);
        Assert.Equal("5", Assert.Single(index.BySku("mug-b")).Id);
        Assert.Empty(index.BySku("Blue Mug"));
    }

    private static JsonObject Customer(string id, string name, string? email, string? currency)
    {
        var row = new JsonObject { ["Id"] = id, ["DisplayName"] = name, ["Active"] = true };
        if (email is not null)
        {
            row["PrimaryEmailAddr"] = new JsonObject { ["Address"] = email };
        }

        if (currency is not null)
        {
            row["CurrencyRef"] = new JsonObject { ["value"] = currency };
        }

        return row;
    }

    private static CustomerRequest Buyer(string name, string? email) =>
        new(new Party { Name = name, Email = email }, "USD", "USD", "Fallback customer", "Shopify", MayCreate: true);
}
