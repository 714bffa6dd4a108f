using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin;

public sealed class AdminAuthTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Login_RightPassword_GivesATokenThatOpensAdminRoutes(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (user, _) = await Admins.CreateAsync(service.Services);

        var session = await LoginAsync(service, user.Email.ToUpperInvariant(), Admins.Password);
        using var client = Admins.Client(service, session.GetProperty("token").GetString()!);
        using var search = await client.GetAsync("/api/admin/payloads");

        Assert.Equal(AdminRoles.Admin, session.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        // The audit trail writes in batches, a moment after the response.
        var audit = await Eventually.GetAsync(() => service.Services.GetRequiredService<AuditLogStore>().ListAsync(
            new AuditFilter { ActorId = user.UserId, Action = "auth.login" }, new PageRequest(), default), p => p.Items.Count > 0);
        Assert.Single(audit.Items);
    }

    [Theory, BothDatabases]
    public async Task Login_UnknownEmailAndWrongPassword_GetTheSameAnswer(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (user, _) = await Admins.CreateAsync(service.Services);

        using var unknown = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email = "nobody@example.com", password = Admins.Password });
        using var wrong = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email = user.Email, password = "not the password at all" });
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var wrongBody = await wrong.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(unknownBody.GetProperty("code").GetString(), wrongBody.GetProperty("code").GetString());
        Assert.Equal(unknownBody.GetProperty("title").GetString(), wrongBody.GetProperty("title").GetString());
    }

    [Theory, BothDatabases]
    public async Task Login_FiveFailures_LockTheAccountEvenForTheRightPassword(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (user, _) = await Admins.CreateAsync(service.Services);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email = user.Email, password = "wrong password " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email = user.Email, password = Admins.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        var stored = await service.Services.GetRequiredService<Features.Admin.AdminUserStore>().GetByIdAsync(user.UserId, default);
        Assert.True(stored!.LockedUntil > DateTime.UtcNow);
    }

    [Theory, BothDatabases]
    public async Task Logout_RevokesTheTokenServerSide(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var client = Admins.Client(service, token);

        using var before = await client.GetAsync("/api/admin/payloads");
        using var logout = await client.PostAsync("/api/admin/auth/logout", null);
        using var after = await client.GetAsync("/api/admin/payloads");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("UNAUTHORIZED", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory, BothDatabases]
    public async Task ChangePassword_OldTokenStopsNewPasswordWorks(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (user, token) = await Admins.CreateAsync(service.Services);
        using var client = Admins.Client(service, token);
        const string newPassword = "an entirely new passphrase";

        using var weak = await client.PostAsJsonAsync("/api/admin/auth/change-password", new { currentPassword = Admins.Password, newPassword = "short" });
        using var changed = await client.PostAsJsonAsync("/api/admin/auth/change-password", new { currentPassword = Admins.Password, newPassword });
        using var oldToken = await client.GetAsync("/api/admin/payloads");
        var session = await LoginAsync(service, user.Email, newPassword);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.False(string.IsNullOrEmpty(session.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task AdminRoute_ExpiredToken_IsRefused()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (user, _) = await Admins.CreateAsync(service.Services);
        // Signed by the service's own key, but issued nine hours ago with the default eight-hour lifetime.
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-9));
        var issuer = new AdminTokenIssuer(service.Services.GetRequiredService<Infrastructure.Security.SecurityOptions>(),
            service.Services.GetRequiredService<Infrastructure.Security.AdminOptions>(), past);
        using var client = Admins.Client(service, issuer.Issue(user.UserId, user.Email, user.Role, user.SecurityStamp).Token);

        using var response = await client.GetAsync("/api/admin/payloads");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminRoute_ViewerCannotReplayAndNoTokenIsRefused()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (_, viewerToken) = await Admins.CreateAsync(service.Services, AdminRoles.Viewer);
        using var viewer = Admins.Client(service, viewerToken);

        using var anonymous = await service.Client.GetAsync("/api/admin/payloads");
        using var forged = await Admins.Client(service, viewerToken[..^4] + "abcd").GetAsync("/api/admin/payloads");
        using var read = await viewer.GetAsync("/api/admin/payloads");
        using var replay = await viewer.PostAsJsonAsync("/api/admin/payloads/replay", new { status = "dead" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
    }

    private static async Task<JsonElement> LoginAsync(TestService service, string email, string password)
    {
        using var response = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }
}

public sealed class CreateAdminCommandTests
{
    [Fact]
    public async Task CreateAdmin_ThenLogin_Works_AndWeakPasswordIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["DATABASE_URL"] = database.Url };
        var output = new StringWriter();
        await using (var app = Program.BuildApp(TestService.ToArgs(settings)))
        {
            Assert.Equal(1, await Infrastructure.Commands.ServiceCommands.RunAsync(app.Services,
                ["create-admin", "--email", "ops@example.com", "--password", "short"], TextWriter.Null));
            Assert.Equal(0, await Infrastructure.Commands.ServiceCommands.RunAsync(app.Services,
                ["create-admin", "--email", "ops@example.com", "--password", Admins.Password, "--role", "admin"], output));
        }

        await using var service = await TestService.StartAsync(database);
        using var login = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email = "ops@example.com", password = Admins.Password });

        Assert.Contains("Created admin ops@example.com", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
