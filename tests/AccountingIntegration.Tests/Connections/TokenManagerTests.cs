using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QboSandbox;

namespace AccountingIntegration.Tests.Connections;

/// <summary>Token lifecycle against the local QBO sandbox over HTTP, on both databases.</summary>
public sealed class TokenManagerTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string RefreshPath = "/oauth2/v1/tokens/bearer";

    [Theory, BothDatabases]
    public async Task GetValidToken_FreshAccessToken_DoesNotRefresh(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind));
        var connected = await world.ConnectAsync();

        var token = await world.Manager().GetValidTokenAsync(world.OrganizationId, default);

        Assert.Equal(connected.AccessToken, token.AccessToken);
        Assert.Equal(1, world.Counter.CountOf(RefreshPath)); // the code exchange only
    }

    [Theory, BothDatabases]
    public async Task GetValidToken_UnderFiveMinutesLeft_RefreshesAndStoresNewTokens(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind));
        var connected = await world.ConnectAsync();
        world.Clock.Advance(TimeSpan.FromMinutes(56));

        var token = await world.Manager().GetValidTokenAsync(world.OrganizationId, default);

        Assert.NotEqual(connected.AccessToken, token.AccessToken);
        Assert.Equal(2, world.Counter.CountOf(RefreshPath));
        var row = await world.Store.GetActiveConnectionAsync(world.OrganizationId, default);
        Assert.Equal(token.AccessToken, world.Protection.UnprotectAccess(row!));
        Assert.Equal(world.Clock.GetUtcNow().UtcDateTime.AddHours(1), row!.AccessExpiresAt);
        // The refreshed token works against the Accounting API.
        await world.AssertTokenWorksAsync(token);
    }

    [Theory, BothDatabases]
    public async Task GetValidToken_AfterRotationWindow_PersistsTheRotatedRefreshToken(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind), o => o.RefreshTokenRotationInterval = TimeSpan.FromMinutes(30));
        var connected = await world.ConnectAsync();
        world.Clock.Advance(TimeSpan.FromMinutes(56));

        await world.Manager().GetValidTokenAsync(world.OrganizationId, default);

        var row = await world.Store.GetActiveConnectionAsync(world.OrganizationId, default);
        var storedRefresh = world.Protection.UnprotectRefresh(row!);
        Assert.NotEqual(connected.RefreshToken, storedRefresh);
        // The rotated-out value is dead at Intuit (REFERENCE §1.7): only the stored one may be used.
        var refused = await Assert.ThrowsAsync<IntuitOAuthException>(() => world.OAuth.RefreshAsync(connected.RefreshToken, default));
        Assert.True(refused.IsInvalidGrant);
    }

    [Theory, BothDatabases]
    public async Task GetValidToken_FiftyConcurrentCallers_RefreshExactlyOnce(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind));
        await world.ConnectAsync();
        world.Clock.Advance(TimeSpan.FromMinutes(58));
        var manager = world.Manager();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => manager.GetValidTokenAsync(world.OrganizationId, default))));

        Assert.Equal(2, world.Counter.CountOf(RefreshPath));
        Assert.Single(tokens.Select(t => t.AccessToken).Distinct());
    }

    [Theory, BothDatabases]
    public async Task GetValidToken_TwoProcessesSharingTheDatabase_RefreshExactlyOnce(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind));
        await world.ConnectAsync();
        world.Clock.Advance(TimeSpan.FromMinutes(58));
        // Two managers with separate in-process gates and lease owners: two service instances.
        var first = world.Manager(new Instance());
        var second = world.Manager(new Instance());

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).GetValidTokenAsync(world.OrganizationId, default))));

        Assert.Equal(2, world.Counter.CountOf(RefreshPath));
        Assert.Single(tokens.Select(t => t.AccessToken).Distinct());
    }

    [Theory, BothDatabases]
    public async Task GetValidToken_RefreshTokenRevoked_MarksRefreshFailedAndThrowsNotConnected(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind));
        var connected = await world.ConnectAsync();
        await world.OAuth.RevokeAsync(connected.RefreshToken, default);
        world.Clock.Advance(TimeSpan.FromMinutes(58));

        var error = await Assert.ThrowsAsync<QboNotConnectedException>(() => world.Manager().GetValidTokenAsync(world.OrganizationId, default));

        Assert.Equal(ConnectionStatus.RefreshFailed, error.Reason);
        var row = await world.Store.GetActiveConnectionAsync(world.OrganizationId, default);
        Assert.Equal(ConnectionStatus.RefreshFailed, row!.SyncStatus);
        var audited = await world.Audit.ListAsync(
            new AuditFilter { OrganizationId = world.OrganizationId, Action = "connection.refresh_failed" }, new AccountingIntegration.Infrastructure.Data.PageRequest(), default);
        Assert.Equal("invalid_grant", (string?)Assert.Single(audited.Items).Details["error"]);
        // Later callers fail fast without asking Intuit again.
        var calls = world.Counter.CountOf(RefreshPath);
        await Assert.ThrowsAsync<QboNotConnectedException>(() => world.Manager().GetValidTokenAsync(world.OrganizationId, default));
        Assert.Equal(calls, world.Counter.CountOf(RefreshPath));
    }

    [Theory, BothDatabases]
    public async Task RefusedRefresh_WhoseAuditEntryCannotBeStored_LeavesTheConnection_AndTheNextRefreshMarksIt(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await World.StartAsync(database);
        var connected = await world.ConnectAsync();
        await world.OAuth.RevokeAsync(connected.RefreshToken, default);
        world.Clock.Advance(TimeSpan.FromMinutes(58));

        // The verdict and its entry commit together: with the entry refused, the connection is not marked unseen.
        await using (await TestTrigger.RefuseAuditAsync(database, "connection.refresh_failed"))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => world.Manager().GetValidTokenAsync(world.OrganizationId, default));
            Assert.IsNotType<QboNotConnectedException>(refused);
            Assert.Equal(ConnectionStatus.Connected, (await world.Store.GetActiveConnectionAsync(world.OrganizationId, default))!.SyncStatus);
        }

        // The next caller asks Intuit again, is refused again, and marks the connection with its one entry.
        var error = await Assert.ThrowsAsync<QboNotConnectedException>(() => world.Manager().GetValidTokenAsync(world.OrganizationId, default));
        Assert.Equal(ConnectionStatus.RefreshFailed, error.Reason);
        Assert.Equal(ConnectionStatus.RefreshFailed, (await world.Store.GetActiveConnectionAsync(world.OrganizationId, default))!.SyncStatus);
        var audited = await world.Audit.ListAsync(
            new AuditFilter { OrganizationId = world.OrganizationId, Action = "connection.refresh_failed" }, new AccountingIntegration.Infrastructure.Data.PageRequest(), default);
        Assert.Single(audited.Items);
    }

    [Theory, BothDatabases]
    public async Task GetValidToken_NeverConnected_ThrowsNotConnected(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(await databases.GetAsync(kind));

        var error = await Assert.ThrowsAsync<QboNotConnectedException>(() => world.Manager().GetValidTokenAsync(world.OrganizationId, default));

        Assert.Equal(QboNotConnectedException.NotConnected, error.Reason);
    }

    /// <summary>A sandbox, a database and the token machinery sharing one fake clock.</summary>
    private sealed class World : IAsyncDisposable
    {
        private World(TestDatabase database, QboSandboxServer sandbox, FakeTimeProvider clock)
        {
            Clock = clock;
            Sandbox = sandbox;
            Options = SandboxOAuth.OptionsFor(sandbox);
            Counter = new CountingHandler();
            OAuth = new IntuitOAuthClient(new HttpClient(Counter), Options, new ServiceCollection().AddServiceMetrics().BuildServiceProvider().GetRequiredService<ServiceMetrics>());
            Store = new OAuthTokenStore(database.Database, clock);
            Leases = new RefreshLeaseStore(database.Database);
            Audit = new AuditLogStore(database.Database, clock);
            Protection = new TokenProtection(new SecretProtector(new SecurityOptions
            {
                EncryptionKey = "token-manager-tests-key-0123456789abcdef",
                JwtSecret = "unused",
                OAuthStateSecret = "unused",
            }));
        }

        public FakeTimeProvider Clock { get; }

        public QboSandboxServer Sandbox { get; }

        public QboOptions Options { get; }

        public CountingHandler Counter { get; }

        public IntuitOAuthClient OAuth { get; }

        public OAuthTokenStore Store { get; }

        public RefreshLeaseStore Leases { get; }

        public TokenProtection Protection { get; }

        public string OrganizationId { get; } = Guid.NewGuid().ToString();

        public static async Task<World> StartAsync(TestDatabase database, Action<SandboxOptions>? configure = null)
        {
            var clock = TestClock.Create();
            var options = new SandboxOptions { AutoApprove = true };
            configure?.Invoke(options);
            return new World(database, await QboSandboxServer.StartAsync(options, time: clock), clock);
        }

        public AuditLogStore Audit { get; }

        /// <summary>This "process"'s locks and lease owner; a test passes another one to stand for another service instance.</summary>
        public Instance This { get; } = new();

        public TokenManager Manager(Instance? instance = null) =>
            new((instance ?? This).Locks, (instance ?? This).Identity, Store, Leases, Protection, (instance ?? This).Rejections, OAuth, new AuditTrail(Audit),
                new ConnectionLossNotifier([], NullLogger<ConnectionLossNotifier>.Instance), Clock, NullLogger<TokenManager>.Instance);

        /// <summary>Runs the consent and code exchange, then stores the connection as the callback would.</summary>
        public async Task<IntuitTokenResponse> ConnectAsync()
        {
            var query = await SandboxOAuth.FollowAuthorizeAsync(OAuth.BuildAuthorizeUrl("state-1"));
            var tokens = await OAuth.ExchangeCodeAsync(query["code"], default);
            var realmId = query["realmId"];
            var now = Clock.GetUtcNow().UtcDateTime;
            await Store.SaveConnectionAsync(OrganizationId, realmId,
                Protection.ProtectAccess(OrganizationId, realmId, tokens.AccessToken),
                Protection.ProtectRefresh(OrganizationId, realmId, tokens.RefreshToken),
                now.AddSeconds(tokens.ExpiresIn), now.AddSeconds(tokens.RefreshTokenExpiresIn), "Sandbox Company_US_1", default);
            return tokens;
        }

        public async Task AssertTokenWorksAsync(ValidToken token)
        {
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sandbox.BaseUrl, $"v3/company/{token.RealmId}/companyinfo/{token.RealmId}"));
            request.Headers.Authorization = new("Bearer", token.AccessToken);
            request.Headers.Accept.Add(new("application/json"));
            using var response = await client.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        public async ValueTask DisposeAsync() => await Sandbox.DisposeAsync();
    }

    /// <summary>What a service process holds of its own: the keyed lock and its lease-owner name.</summary>
    private sealed class Instance
    {
        public KeyedLock Locks { get; } = new();

        public InstanceIdentity Identity { get; } = new();

        public RejectedTokens Rejections { get; } = new();
    }
}
