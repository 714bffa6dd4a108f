using System.Net;
using System.Net.Http.Json;
using System.Text;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.Keys;

public sealed class AdminConnectTokenTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateConnectToken_OpenedByClient_ValidBeforeThenUsedAndOrganizationConnected(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        await using var harness = await AdminHarness.OnAsync(world.Service);
        var organization = await harness.OrganizationAsync("Connect & Co");
        var tokensUrl = $"/api/admin/organizations/{organization.OrganizationId}/connect-tokens";

        var publicBefore = await AdminHarness.DataAsync(await harness.Anonymous.GetAsync($"/api/public/org/{organization.Slug}"));
        using var created = await harness.Admin.PostAsync(tokensUrl, null);
        var data = await AdminHarness.DataAsync(created);
        var token = data.GetProperty("token").GetString()!;
        var connectUrl = new Uri(data.GetProperty("connectUrl").GetString()!);
        using var check = await harness.Anonymous.GetAsync($"/api/public/connect-tokens/{token}");
        var checkData = await AdminHarness.DataAsync(check);
        using var browser = new Browser(ConnectWorld.FrontendUrl);
        // The link opens the connect page; its "Continue to QuickBooks" goes to the start route, which redeems the token.
        using var page = await harness.Anonymous.GetAsync(connectUrl);
        var pageHtml = await page.Content.ReadAsStringAsync();
        var landed = ConnectWorld.Query(await browser.NavigateAsync(new Uri(world.Service.BaseAddress, $"/api/v1/connect/token/{token}")));
        using var checkAfter = await harness.Anonymous.GetAsync($"/api/public/connect-tokens/{token}");
        var publicAfter = await AdminHarness.DataAsync(await harness.Anonymous.GetAsync($"/api/public/org/{organization.Slug}"));
        var listText = await harness.Viewer.GetStringAsync(tokensUrl);
        var listed = (await AdminHarness.DataAsync(await harness.Viewer.GetAsync(tokensUrl)))[0];

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("act_", token);
        Assert.Equal(new Uri(world.Service.BaseAddress, $"/connect/{token}"), connectUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"href=\"/api/v1/connect/token/{token}\"", pageHtml, StringComparison.Ordinal);
        var expiresAt = data.GetProperty("connectToken").GetProperty("expiresAt").GetDateTime();
        Assert.InRange(expiresAt, DateTime.UtcNow.AddDays(7).AddMinutes(-2), DateTime.UtcNow.AddDays(7).AddMinutes(2));
        Assert.False(publicBefore.GetProperty("connected").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.True(checkData.GetProperty("valid").GetBoolean());
        Assert.Equal("Connect & Co", checkData.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal(organization.Slug, checkData.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal(expiresAt, checkData.GetProperty("expiresAt").GetDateTime());
        Assert.Equal("true", landed["connected"]);
        Assert.Equal(HttpStatusCode.NotFound, checkAfter.StatusCode);
        Assert.Equal("CONNECT_TOKEN_INVALID", (await AdminHarness.ProblemAsync(checkAfter)).GetProperty("code").GetString());
        Assert.True(publicAfter.GetProperty("connected").GetBoolean());
        Assert.Equal("used", listed.GetProperty("status").GetString());
        Assert.DoesNotContain(token, listText, StringComparison.Ordinal);
        var audit = Assert.Single(await harness.AuditAsync(organization.OrganizationId, "connect_token.created"));
        Assert.DoesNotContain(token, audit.Details.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(7, (int)audit.Details["expiresInDays"]!);
    }

    [Theory, BothDatabases]
    public async Task ConnectToken_WhenIntuitRefusesTheExchange_StaysValid_AndTheSameLinkConnectsAfterwards(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        await using var harness = await AdminHarness.OnAsync(world.Service);
        var (token, start) = await LinkWhoseExchangeFailsOnceAsync(world, harness, "Try Again Ltd");
        using var browser = new Browser(ConnectWorld.FrontendUrl);

        // The result page asks the client to open the link again: the link must still work.
        var failed = ConnectWorld.Query(await browser.NavigateAsync(start));
        Assert.Equal("token_exchange_failed", failed["error"]);
        using var check = await harness.Anonymous.GetAsync($"/api/public/connect-tokens/{token}");
        Assert.True((await AdminHarness.DataAsync(check)).GetProperty("valid").GetBoolean());

        var connected = ConnectWorld.Query(await browser.NavigateAsync(start));
        Assert.Equal("true", connected["connected"]);
        using var checkAfter = await harness.Anonymous.GetAsync($"/api/public/connect-tokens/{token}");
        Assert.Equal(HttpStatusCode.NotFound, checkAfter.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task ConnectToken_WhenTheExchangeFails_AndTheLinkCannotBeGivenBack_SaysTheLinkIsSpent(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await ConnectWorld.StartAsync(database);
        await using var harness = await AdminHarness.OnAsync(world.Service);
        var (token, start) = await LinkWhoseExchangeFailsOnceAsync(world, harness, "Spent Link Ltd");
        using var browser = new Browser(ConnectWorld.FrontendUrl);

        // The database refuses to make the redeemed link usable again: the client lands on the page that says so, not on
        // a bare error, and is not told to open a link that no longer works.
        await using (await TestTrigger.InstallAsync(database, TestTrigger.NewName("give_back_refused"), "BEFORE UPDATE ON connect_tokens",
                         "OLD.used_at IS NOT NULL AND NEW.used_at IS NULL",
                         "SELECT RAISE(ABORT, 'the give-back is refused');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the give-back is refused';"))
        {
            var failed = ConnectWorld.Query(await browser.NavigateAsync(start));
            Assert.Equal(("false", "connect_link_spent"), (failed["connected"], failed["error"]));
        }

        using var check = await harness.Anonymous.GetAsync($"/api/public/connect-tokens/{token}");
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task RevokeConnectToken_PublicCheckAnswersLikeUnknownExpiredOrGarbage(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        var tokensUrl = $"/api/admin/organizations/{organization.OrganizationId}/connect-tokens";
        using var created = await harness.Admin.PostAsJsonAsync(tokensUrl, new { expiresInDays = 30 });
        var data = await AdminHarness.DataAsync(created);
        var token = data.GetProperty("token").GetString()!;
        var tokenId = data.GetProperty("connectToken").GetProperty("tokenId").GetString()!;
        var expired = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        await harness.Service.Services.GetRequiredService<ConnectTokenStore>()
            .CreateAsync(organization.OrganizationId, SecretTokens.Hash(expired), DateTime.UtcNow.AddMinutes(-1), "test", default);

        using var revoked = await harness.Admin.PostAsync($"{tokensUrl}/{tokenId}/revoke", null);
        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var probe in new[] { token, expired, SecretTokens.New(SecretTokens.ConnectTokenPrefix), "garbage" })
        {
            using var response = await harness.Anonymous.GetAsync($"/api/public/connect-tokens/{probe}");
            var problem = await AdminHarness.ProblemAsync(response);
            answers.Add((response.StatusCode, problem.GetProperty("code").GetString() + "|" + problem.GetProperty("title").GetString()));
        }

        Assert.InRange(data.GetProperty("connectToken").GetProperty("expiresAt").GetDateTime(), DateTime.UtcNow.AddDays(30).AddMinutes(-2), DateTime.UtcNow.AddDays(30));
        Assert.Equal("revoked", (await AdminHarness.DataAsync(revoked)).GetProperty("status").GetString());
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.StartsWith("CONNECT_TOKEN_INVALID|", answers[0].Body);
        Assert.Equal(tokenId, Assert.Single(await harness.AuditAsync(organization.OrganizationId, "connect_token.revoked")).TargetId);
    }

    [Theory, BothDatabases]
    public async Task ConnectTokenRoutes_Refusals_401NoToken_403Viewer_400FieldsNamed_404OtherOrganization(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var mine = await harness.OrganizationAsync();
        var theirs = await harness.OrganizationAsync("Other Co");
        var mineUrl = $"/api/admin/organizations/{mine.OrganizationId}/connect-tokens";
        using var theirToken = await harness.Admin.PostAsync($"/api/admin/organizations/{theirs.OrganizationId}/connect-tokens", null);
        var theirTokenId = (await AdminHarness.DataAsync(theirToken)).GetProperty("connectToken").GetProperty("tokenId").GetString();

        using var anonymousList = await harness.Anonymous.GetAsync(mineUrl);
        using var anonymousCreate = await harness.Anonymous.PostAsync(mineUrl, null);
        using var viewerCreate = await harness.Viewer.PostAsync(mineUrl, null);
        using var viewerList = await harness.Viewer.GetAsync(mineUrl);
        using var tooShort = await harness.Admin.PostAsJsonAsync(mineUrl, new { expiresInDays = 0 });
        using var tooLong = await harness.Admin.PostAsJsonAsync(mineUrl, new { expiresInDays = 91 });
        using var notNumber = await harness.Admin.PostAsync(mineUrl, new StringContent("""{"expiresInDays":"soon"}""", Encoding.UTF8, "application/json"));
        using var crossTenant = await harness.Admin.PostAsync($"{mineUrl}/{theirTokenId}/revoke", null);
        using var unknownOrg = await harness.Admin.PostAsync("/api/admin/organizations/no-such-org/connect-tokens", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerCreate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewerList.StatusCode);
        Assert.True((await AdminHarness.ProblemAsync(tooShort)).GetProperty("errors").TryGetProperty("expiresInDays", out _));
        Assert.True((await AdminHarness.ProblemAsync(tooLong)).GetProperty("errors").TryGetProperty("expiresInDays", out _));
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossTenant.StatusCode);
        Assert.Equal("CONNECT_TOKEN_NOT_FOUND", (await AdminHarness.ProblemAsync(crossTenant)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownOrg.StatusCode);
        Assert.Equal(0, (await AdminHarness.DataAsync(viewerList)).GetArrayLength());
    }

    /// <summary>A connect link of a new organization, and Intuit set to refuse the next code exchange.</summary>
    private static async Task<(string Token, Uri Start)> LinkWhoseExchangeFailsOnceAsync(ConnectWorld world, AdminHarness harness, string organizationName)
    {
        var organization = await harness.OrganizationAsync(organizationName);
        var token = (await AdminHarness.DataAsync(await harness.Admin.PostAsync($"/api/admin/organizations/{organization.OrganizationId}/connect-tokens", null)))
            .GetProperty("token").GetString()!;
        using var control = new HttpClient { BaseAddress = world.Sandbox.BaseUrl };
        (await control.PostAsJsonAsync("/_sandbox/faults", new { path = "/oauth2/v1/tokens/bearer", status = 500, count = 1 })).EnsureSuccessStatusCode();
        return (token, new Uri(world.Service.BaseAddress, $"/api/v1/connect/token/{token}"));
    }
}
