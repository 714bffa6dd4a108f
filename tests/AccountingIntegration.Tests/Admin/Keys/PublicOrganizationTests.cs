using System.Net;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.Keys;

public sealed class PublicOrganizationTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task GetPublicOrganization_NoCredential_NameSlugConnectedOnly_UnknownAndInactiveAre404(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var active = await harness.OrganizationAsync("Visible Inc");
        var inactive = await harness.OrganizationAsync("Gone Inc");
        await harness.Admin.DeleteAsync($"/api/admin/organizations/{inactive.OrganizationId}");

        using var found = await harness.Anonymous.GetAsync($"/api/public/org/{active.Slug}");
        using var deactivated = await harness.Anonymous.GetAsync($"/api/public/org/{inactive.Slug}");
        using var unknown = await harness.Anonymous.GetAsync("/api/public/org/no-such-org");
        var data = await AdminHarness.DataAsync(found);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(["name", "slug", "connected"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Visible Inc", data.GetProperty("name").GetString());
        Assert.False(data.GetProperty("connected").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("ORG_NOT_FOUND", (await AdminHarness.ProblemAsync(deactivated)).GetProperty("code").GetString());
        Assert.Equal("ORG_NOT_FOUND", (await AdminHarness.ProblemAsync(unknown)).GetProperty("code").GetString());
    }
}
