using AccountingIntegration.Features.Sync.References;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>Customers by name or e-mail against the sandbox's demo company over HTTP.</summary>
public sealed class CustomerResolutionTests
{
    [Theory]
    [InlineData("cool cars", "3")]
    [InlineData("  DUKES BASKETBALL CAMP ", "4")]
    [InlineData("Amy's Bird Sanctuary", "1")]
    [InlineData("Amy\u2019s Bird Sanctuary", "1")]
    [InlineData("bill's windsurf shop", "2")]
    public async Task Resolve_ExistingCustomerByName_ReturnsItsId(string value, string expected)
    {
        await using var world = await ReferenceWorld.StartAsync();

        Assert.Equal(expected, await world.ResolveAsync("Customer", value, ReferenceWorld.CreateNothing));
    }

    [Theory]
    [InlineData("birds@intuit.com", "1")]
    [InlineData("SURF@INTUIT.COM", "2")]
    public async Task Resolve_ExistingCustomerByEmail_ReturnsItsId(string value, string expected)
    {
        await using var world = await ReferenceWorld.StartAsync();

        Assert.Equal(expected, await world.ResolveAsync("Customer", value, ReferenceWorld.CreateNothing));
    }

    [Fact]
    public async Task Resolve_NewCustomerAllowed_CreatesItOnceWithItsEmail()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Customer");

        var id = await world.ResolveAsync("Customer", "new.buyer@example.com");
        // Another process (its own cache) finds the customer instead of creating a second one.
        var again = await world.ResolveAsync("Customer", "New.Buyer@Example.com", resolver: world.Resolver(otherProcess: true));

        Assert.Equal(id, again);
        Assert.Equal(before + 1, await world.Session.CountAsync("Customer"));
        var customer = await world.ReadAsync("Customer", id);
        Assert.Equal("new.buyer@example.com", (string?)customer["DisplayName"]);
        Assert.Equal("new.buyer@example.com", (string?)customer["PrimaryEmailAddr"]?["Address"]);
    }

    [Fact]
    public async Task Resolve_SecondTimeInTheSameProcess_AsksQboNothing()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var id = await world.ResolveAsync("Customer", "Repeat Buyer");
        var requests = await world.RequestCountAsync();

        Assert.Equal(id, await world.ResolveAsync("Customer", "repeat buyer"));
        Assert.Equal(requests, await world.RequestCountAsync());
    }

    [Fact]
    public async Task Resolve_NewCustomerNotAllowed_ThrowsNamingFieldAndValue()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Customer");

        var error = await Assert.ThrowsAsync<ReferenceNotFoundException>(() =>
            world.ResolveAsync("Customer", "Nobody Known", new ResolutionPolicy(CreateCustomers: false, CreateItems: true)));

        Assert.Equal(("Customer", "Nobody Known", "CustomerRef.value", "REFERENCE_NOT_FOUND"), (error.EntityType, error.LookupValue, error.Field, error.Code));
        Assert.Contains("CustomerRef.value", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Nobody Known'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await world.Session.CountAsync("Customer"));
    }

    [Fact]
    public async Task Resolve_NotFoundThenAddedInQbo_IsFoundOnTheNextAttempt()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var resolver = world.Resolver();
        await Assert.ThrowsAsync<ReferenceNotFoundException>(() => world.ResolveAsync("Customer", "Late Arrival", ReferenceWorld.CreateNothing, resolver));

        var added = await world.AddInQboAsync("customer", new { DisplayName = "Late Arrival" });

        Assert.Equal(added, await world.ResolveAsync("Customer", "Late Arrival", ReferenceWorld.CreateNothing, resolver));
    }

    [Fact]
    public async Task Resolve_ColonInName_CreatesADashedNameThatIsFoundAgain()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var before = await world.Session.CountAsync("Customer");

        var id = await world.ResolveAsync("Customer", "Acme: West");
        var again = await world.ResolveAsync("Customer", "Acme: West", resolver: world.Resolver(otherProcess: true));

        Assert.Equal(id, again);
        Assert.Equal("Acme- West", (string?)(await world.ReadAsync("Customer", id))["DisplayName"]);
        Assert.Equal(before + 1, await world.Session.CountAsync("Customer"));
    }
}
