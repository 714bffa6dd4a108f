using AccountingIntegration.Features.Sync.References;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>Items by name or SKU, and new Service items on the company's income account.</summary>
public sealed class ItemResolutionTests
{
    [Theory]
    [InlineData("gardening supplies", "4")]
    [InlineData("HOURS", "2")]
    public async Task Resolve_ExistingItemByName_ReturnsItsId(string value, string expected)
    {
        await using var world = await ReferenceWorld.StartAsync();

        Assert.Equal(expected, await world.ResolveAsync("Item", value, ReferenceWorld.CreateNothing));
    }

    [Fact]
    public async Task Resolve_ExistingItemBySku_ReturnsItsId()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var id = await world.AddInQboAsync("item", new { Name = "Green Widget", Sku = "WID-GRN-1", Type = "Service", IncomeAccountRef = new { value = "2" } });

        Assert.Equal(id, await world.ResolveAsync("Item", "wid-grn-1", ReferenceWorld.CreateNothing));
    }

    [Fact]
    public async Task Resolve_NewItemAllowed_CreatesServiceItemOnFirstIncomeAccount()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Item");

        var id = await world.ResolveAsync("Item", "IPOD2008GREEN");
        var again = await world.ResolveAsync("Item", "ipod2008green", resolver: world.Resolver(otherProcess: true));

        Assert.Equal(id, again);
        Assert.Equal(before + 1, await world.Session.CountAsync("Item"));
        var item = await world.ReadAsync("Item", id);
        Assert.Equal("IPOD2008GREEN", (string?)item["Name"]);
        Assert.Equal("Service", (string?)item["Type"]);
        Assert.Equal("1", (string?)item["IncomeAccountRef"]?["value"]);
    }

    [Fact]
    public async Task Resolve_NewItemNotAllowed_ThrowsNamingTheLine()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Item");

        var error = await Assert.ThrowsAsync<ReferenceNotFoundException>(() =>
            world.ResolveAsync("Item", "Unknown Gadget", new ResolutionPolicy(CreateCustomers: true, CreateItems: false)));

        Assert.Equal("Line[0].SalesItemLineDetail.ItemRef.value", error.Field);
        Assert.Contains("Item 'Unknown Gadget'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await world.Session.CountAsync("Item"));
    }
}
