using AccountingIntegration.Features.Connections.OAuth;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Connections;

public sealed class OAuthStateServiceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task VerifyAndConsume_FreshState_ReturnsOrganizationOnce(DatabaseKind kind)
    {
        var (service, _) = await CreateAsync(kind);
        var state = await service.IssueAsync("org-1", "ct-9", "binding", default);

        var first = await service.VerifyAndConsumeAsync(state, default);
        var replay = await service.VerifyAndConsumeAsync(state, default);

        Assert.Null(first.Error);
        Assert.Equal("org-1", first.State!.OrganizationId);
        Assert.Equal("ct-9", first.State.ConnectTokenId);
        Assert.Equal(OAuthErrorCodes.StateReplayed, replay.Error);
    }

    [Theory, BothDatabases]
    public async Task VerifyAndConsume_AfterTenMinutes_IsExpired(DatabaseKind kind)
    {
        var (service, clock) = await CreateAsync(kind);
        var state = await service.IssueAsync("org-1", null, null, default);

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(OAuthErrorCodes.StateExpired, (await service.VerifyAndConsumeAsync(state, default)).Error);
    }

    [Theory, BothDatabases]
    public async Task VerifyAndConsume_TamperedOrganization_IsRefused(DatabaseKind kind)
    {
        var (service, _) = await CreateAsync(kind);
        var state = await service.IssueAsync("org-1", null, null, default);
        var body = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(state.Split('.')[0]));
        var forgedBody = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(body.Replace("org-1", "org-2", StringComparison.Ordinal)));

        var result = await service.VerifyAndConsumeAsync(forgedBody + "." + state.Split('.')[1], default);

        Assert.Equal(OAuthErrorCodes.InvalidState, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.###")]
    public async Task VerifyAndConsume_Malformed_IsInvalid(string? state)
    {
        var (service, _) = await CreateAsync(DatabaseKind.Sqlite);

        Assert.Equal(OAuthErrorCodes.InvalidState, (await service.VerifyAndConsumeAsync(state, default)).Error);
    }

    [Theory, BothDatabases]
    public async Task VerifyAndConsume_SignedWithAnotherSecret_IsInvalid(DatabaseKind kind)
    {
        var (service, _) = await CreateAsync(kind);
        var (other, _) = await CreateAsync(kind, "another-state-secret-0123456789abcdef0123");
        var state = await other.IssueAsync("org-1", null, null, default);

        Assert.Equal(OAuthErrorCodes.InvalidState, (await service.VerifyAndConsumeAsync(state, default)).Error);
    }

    private async Task<(OAuthStateService Service, FakeTimeProvider Clock)> CreateAsync(DatabaseKind kind, string secret = "test-state-secret-0123456789abcdef012345")
    {
        var clock = TestClock.Create();
        var database = (await databases.GetAsync(kind)).Database;
        var options = new SecurityOptions { EncryptionKey = "unused", JwtSecret = "unused", OAuthStateSecret = secret };
        return (new OAuthStateService(options, new OAuthStateStore(database), clock), clock);
    }
}
