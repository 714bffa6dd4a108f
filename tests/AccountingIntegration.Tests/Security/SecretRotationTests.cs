using System.Net;
using AccountingIntegration.Features.Connections.OAuth;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Security;

/// <summary>
/// JWT_SECRET and OAUTH_STATE_SECRET rotate without downtime: instances started with the new secret and the old one
/// listed as retired accept what the old instances signed, and an instance that no longer lists it refuses it.
/// </summary>
public sealed class SecretRotationTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string OldSecret = "old-secret-Qm7vX2pL9sR4tW8yB3nK6hJ1";
    private const string NewSecret = "new-secret-Zc5fG8kD2wQ7rT1mV4bN9xL3";

    [Fact]
    public async Task AdminToken_SignedWithTheRetiredJwtSecret_VerifiesOnlyWhileItIsListed()
    {
        var database = await databases.GetAsync(DatabaseKind.Sqlite);
        await using var before = await TestService.StartAsync(database, new Dictionary<string, string> { ["JWT_SECRET"] = OldSecret });
        await using var during = await TestService.StartAsync(database, new Dictionary<string, string> { ["JWT_SECRET"] = NewSecret, ["JWT_PREVIOUS_SECRETS"] = OldSecret });
        await using var after = await TestService.StartAsync(database, new Dictionary<string, string> { ["JWT_SECRET"] = NewSecret });
        var (_, oldToken) = await Admins.CreateAsync(before.Services);
        var (_, newToken) = await Admins.CreateAsync(during.Services);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(during, oldToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(during, newToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(before, newToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(after, oldToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(after, newToken));
    }

    [Fact]
    public async Task OAuthState_SignedWithTheRetiredSecret_CompletesOnlyWhileItIsListed()
    {
        var database = await databases.GetAsync(DatabaseKind.Sqlite);
        await using var before = await TestService.StartAsync(database, new Dictionary<string, string> { ["OAUTH_STATE_SECRET"] = OldSecret });
        await using var during = await TestService.StartAsync(database, new Dictionary<string, string> { ["OAUTH_STATE_SECRET"] = NewSecret, ["OAUTH_STATE_PREVIOUS_SECRETS"] = OldSecret });
        await using var after = await TestService.StartAsync(database, new Dictionary<string, string> { ["OAUTH_STATE_SECRET"] = NewSecret });
        var organization = await before.Services.GetRequiredService<OrganizationStore>().CreateAsync("Rotation", Unique.Slug(), "pro", null, default);
        var issuer = before.Services.GetRequiredService<OAuthStateService>();
        var first = await issuer.IssueAsync(organization.OrganizationId, null, null, default);
        var second = await issuer.IssueAsync(organization.OrganizationId, null, null, default);

        var (refused, error) = await after.Services.GetRequiredService<OAuthStateService>().VerifyAndConsumeAsync(first, default);
        var (accepted, _) = await during.Services.GetRequiredService<OAuthStateService>().VerifyAndConsumeAsync(second, default);

        Assert.Null(refused);
        Assert.Equal(OAuthErrorCodes.InvalidState, error);
        Assert.Equal(organization.OrganizationId, accepted?.OrganizationId);
    }

    [Fact]
    public void ARetiredSecretTooShort_IsAProblemNamingTheSetting_NotItsValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OAUTH_STATE_PREVIOUS_SECRETS"] = OldSecret + ",tiny-secret",
        }).Build();
        var problems = new List<string>();

        SecurityOptions.Bind(configuration, isDevelopment: true, problems);

        var problem = Assert.Single(problems);
        Assert.StartsWith("OAUTH_STATE_PREVIOUS_SECRETS:", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", problem, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(TestService service, string token)
    {
        using var client = Admins.Client(service, token);
        using var response = await client.GetAsync("/api/admin/organizations");
        return response.StatusCode;
    }
}
