using System.Globalization;
using System.Net.Http.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Connections;

/// <summary>QBO_SHARED_COMPANY_POLICY: a company another active organization holds is refused, or connected with a warning.</summary>
public sealed class SharedCompanyPolicyTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task SecondOrganization_SameCompany_IsRefusedByDefault(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind, policy: null);
        var (first, firstKey) = await world.CreateOrganizationAsync();
        var (second, secondKey) = await world.CreateOrganizationAsync();

        var firstResult = await world.ConnectAsync(first, firstKey);
        var secondResult = await world.ConnectAsync(second, secondKey);

        Assert.Equal("true", firstResult["connected"]);
        Assert.Equal("false", secondResult["connected"]);
        Assert.Equal("company_already_connected", secondResult["error"]);
        var connections = world.Service.Services.GetRequiredService<OAuthTokenStore>();
        Assert.Null(await connections.GetActiveConnectionAsync(second.OrganizationId, default));
        Assert.NotNull(await connections.GetActiveConnectionAsync(first.OrganizationId, default));
    }

    [Theory, BothDatabases]
    public async Task SecondOrganization_SameCompany_UnderWarn_ConnectsAndAudits(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind, policy: "warn");
        var (first, firstKey) = await world.CreateOrganizationAsync();
        var (second, secondKey) = await world.CreateOrganizationAsync();

        await world.ConnectAsync(first, firstKey);
        var secondResult = await world.ConnectAsync(second, secondKey);

        Assert.Equal("true", secondResult["connected"]);
        var audit = await Eventually.GetAsync(() => world.Service.Services.GetRequiredService<AuditLogStore>()
            .ListAsync(new AuditFilter { OrganizationId = second.OrganizationId, Action = "connection.shared_company" }, new PageRequest(), default),
            p => p.Items.Count > 0);
        var entry = Assert.Single(audit.Items);
        Assert.Equal(secondResult["realmId"], entry.TargetId);
        Assert.Contains(first.OrganizationId, entry.Details.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task SharedConnect_WhoseWarningCannotBeStored_ConnectsNothing_UntilItCanBe(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(kind, policy: "warn");
        var (first, firstKey) = await world.CreateOrganizationAsync();
        var (second, secondKey) = await world.CreateOrganizationAsync();
        await world.ConnectAsync(first, firstKey);

        // The warning is written with the connect, in the tokens' transaction: refused, it takes the connect with it.
        await using (await TestTrigger.RefuseAuditAsync(database, "connection.shared_company"))
        {
            var refused = await world.ConnectAsync(second, secondKey);
            Assert.Equal("false", refused["connected"]);
            Assert.Equal("connection_not_saved", refused["error"]);
        }

        var connections = world.Service.Services.GetRequiredService<OAuthTokenStore>();
        Assert.Null(await connections.GetActiveConnectionAsync(second.OrganizationId, default));
        Assert.Empty(await EntriesAsync(world, second.OrganizationId, "connection.connected"));

        var connected = await world.ConnectAsync(second, secondKey);
        Assert.Equal("true", connected["connected"]);
        Assert.Single(await EntriesAsync(world, second.OrganizationId, "connection.connected"));
        Assert.Single(await EntriesAsync(world, second.OrganizationId, "connection.shared_company"));
    }

    [Theory, BothDatabases]
    public async Task SameOrganization_Reconnecting_IsNotAShare(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind, policy: "refuse");
        var (organization, apiKey) = await world.CreateOrganizationAsync();

        await world.ConnectAsync(organization, apiKey);
        var again = await world.ConnectAsync(organization, apiKey);

        Assert.Equal("true", again["connected"]);
    }

    private static async Task<IReadOnlyList<AuditEntry>> EntriesAsync(ConnectWorld world, string organizationId, string action) =>
        (await world.Service.Services.GetRequiredService<AuditLogStore>()
            .ListAsync(new AuditFilter { OrganizationId = organizationId, Action = action }, new PageRequest(), default)).Items;

    // A company of its own per test: the class's tests share a database, and with it earlier holders.
    private async Task<ConnectWorld> StartAsync(DatabaseKind kind, string? policy)
    {
        var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["QBO_SHARED_COMPANY_POLICY"] = policy ?? string.Empty });
        // Sandboxes number their companies alike, so the realm id is made unique here.
        var realmId = "93" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        using var control = new HttpClient { BaseAddress = world.Sandbox.BaseUrl };
        (await control.PostAsJsonAsync("/_sandbox/companies", new { realmId, companyName = "Shared " + realmId })).EnsureSuccessStatusCode();
        world.Sandbox.State.Options.AutoApproveRealmId = realmId;
        return world;
    }
}
