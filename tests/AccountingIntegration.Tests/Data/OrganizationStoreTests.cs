using System.Text.Json.Nodes;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class OrganizationStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateAsync_ThenGetById_RoundTripsEveryFieldInUtc(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, clock);
        var settings = new JsonObject { ["autoCreateCustomers"] = true, ["note"] = "Zoë's café ☕", ["limit"] = 12.50m };

        var created = await store.CreateAsync("Acme Ltd", Unique.Slug(), "pro", settings, default);
        var read = await store.GetByIdAsync(created.OrganizationId, default);

        Assert.NotNull(read);
        Assert.Equal(created.Name, read.Name);
        Assert.Equal(created.Slug, read.Slug);
        Assert.Equal("pro", read.PlanTier);
        Assert.True(read.IsActive);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.CreatedAt);
        Assert.Equal(settings.ToJsonString(), read.Settings.ToJsonString());
    }

    [Theory, BothDatabases]
    public async Task CreateAsync_DuplicateSlug_ThrowsDuplicateKey(DatabaseKind kind)
    {
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, TimeProvider.System);
        var slug = Unique.Slug();
        await store.CreateAsync("First", slug, "free", null, default);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.CreateAsync("Second", slug, "free", null, default));
    }

    [Theory, BothDatabases]
    public async Task GetBySlugAsync_InactiveOrganization_ReturnsNull(DatabaseKind kind)
    {
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, TimeProvider.System);
        var created = await store.CreateAsync("Gone Inc", Unique.Slug(), "free", null, default);

        Assert.NotNull(await store.GetBySlugAsync(created.Slug, default));
        Assert.True(await store.DeactivateAsync(created.OrganizationId, default));

        Assert.Null(await store.GetBySlugAsync(created.Slug, default));
        var stillThere = await store.GetByIdAsync(created.OrganizationId, default);
        Assert.False(stillThere!.IsActive);
    }

    [Theory, BothDatabases]
    public async Task ListAsync_SearchAndPaging_ReturnsTheRightSliceAndTotal(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, clock);
        var marker = "pg" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await store.CreateAsync($"{marker} Company {i}", Unique.Slug(), "free", null, default);
        }

        var second = await store.ListAsync(new PageRequest(page: 2, pageSize: 2), marker.ToUpperInvariant(), null, default);

        Assert.Equal(5, second.Total);
        Assert.Equal([$"{marker} Company 2", $"{marker} Company 3"], second.Items.Select(o => o.Name));
    }

    [Theory, BothDatabases]
    public async Task ListAsync_InEachOrder_ByNameRegardlessOfCase_NewestAndOldestByCreation(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, clock);
        var marker = "or" + Guid.NewGuid().ToString("N")[..8];
        // Created in an order that is neither alphabetical nor its reverse; one name starts with a capital.
        foreach (var name in new[] { "beta", "Alpha", "delta", "gamma" })
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await store.CreateAsync($"{marker} {name}", Unique.Slug(), "free", null, default);
        }

        async Task<IEnumerable<string>> NamesAsync(OrganizationOrder order, PageRequest page) =>
            (await store.ListAsync(page, marker, null, order, default)).Items.Select(o => o.Name[(marker.Length + 1)..]);

        Assert.Equal(["Alpha", "beta", "delta", "gamma"], await NamesAsync(OrganizationOrder.Name, new PageRequest()));
        Assert.Equal(["gamma", "delta", "Alpha", "beta"], await NamesAsync(OrganizationOrder.Newest, new PageRequest()));
        Assert.Equal(["beta", "Alpha", "delta", "gamma"], await NamesAsync(OrganizationOrder.Oldest, new PageRequest()));
        Assert.Equal(["delta", "gamma"], await NamesAsync(OrganizationOrder.Name, new PageRequest(page: 2, pageSize: 2)));
        Assert.Equal(["Alpha", "beta"], await NamesAsync(OrganizationOrder.Newest, new PageRequest(page: 2, pageSize: 2)));
    }

    [Theory, BothDatabases]
    public async Task ListAsync_SearchWithWildcardCharacters_MatchesThemLiterally(DatabaseKind kind)
    {
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, TimeProvider.System);
        var marker = "wc" + Guid.NewGuid().ToString("N")[..8];
        await store.CreateAsync($"{marker} 100% Real_Name", Unique.Slug(), "free", null, default);
        await store.CreateAsync($"{marker} 1000 RealXName", Unique.Slug(), "free", null, default);

        var page = await store.ListAsync(new PageRequest(), $"{marker} 100% Real_", null, default);

        Assert.Equal($"{marker} 100% Real_Name", Assert.Single(page.Items).Name);
    }

    [Theory, BothDatabases]
    public async Task ChangeAsync_ChangesFieldsAndStampsUpdatedAt(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, clock);
        var created = await store.CreateAsync("Before", Unique.Slug(), "free", null, default);
        clock.Advance(TimeSpan.FromMinutes(5));

        var change = await store.ChangeAsync(created.OrganizationId, o => o with { Name = "After", PlanTier = "enterprise" }, default);
        var read = await store.GetByIdAsync(created.OrganizationId, default);

        Assert.Equal("After", read!.Name);
        Assert.Equal("enterprise", read.PlanTier);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.Equal(created.CreatedAt.AddMinutes(5), read.UpdatedAt);
        Assert.Equal((created.RowVersion, created.RowVersion + 1), (change!.Before.RowVersion, read.RowVersion));
        Assert.Null(await store.ChangeAsync(Guid.NewGuid().ToString(), o => o with { Name = "Nobody" }, default));
    }

    /// <summary>
    /// A change made on an organization someone deactivated after it was read does not write the old active flag
    /// back: it is made again on the row as it is now. The clock stands still throughout, as two writes in one
    /// microsecond would.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ChangeAsync_RowWrittenSinceItWasRead_IsMadeAgainOnTheNewRow(DatabaseKind kind)
    {
        var store = new OrganizationStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var created = await store.CreateAsync("Before", Unique.Slug(), "free", null, default);
        var tries = 0;

        var change = await store.ChangeAsync(created.OrganizationId, o =>
        {
            if (++tries == 1)
            {
                Assert.True(store.DeactivateAsync(o.OrganizationId, default).GetAwaiter().GetResult());
            }

            return o with { Name = "Renamed" };
        }, default);

        var read = (await store.GetByIdAsync(created.OrganizationId, default))!;
        Assert.Equal(2, tries);
        Assert.Equal(("Renamed", false), (read.Name, read.IsActive));
        Assert.Equal(change!.After with { Settings = read.Settings }, read);
    }
}
