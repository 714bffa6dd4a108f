using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Admin;
using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin;

/// <summary>Every byte of a password counts, although BCrypt reads only 72; hashes from before still verify.</summary>
public sealed class AdminPasswordHashTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Login_LongPasswordsSharingTheFirst72Bytes_OnlyTheRightOneLogsIn(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (user, token) = await Admins.CreateAsync(service.Services);
        var shared = "a long passphrase that goes on and on, well past what bcrypt ever reads, and then more"[..72];
        var right = shared + new string('x', 25);
        var wrong = shared + new string('y', 25);
        Assert.Equal(Encoding.UTF8.GetBytes(right)[..72], Encoding.UTF8.GetBytes(wrong)[..72]);

        using var client = Admins.Client(service, token);
        using var changed = await client.PostAsJsonAsync("/api/admin/auth/change-password", new { currentPassword = Admins.Password, newPassword = right });
        using var withWrong = await LoginAsync(service, user.Email, wrong);
        using var withRight = await LoginAsync(service, user.Email, right);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withRight.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Login_HashFromBeforeThePrehash_StillLogsInAndIsRewritten(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var store = service.Services.GetRequiredService<AdminUserStore>();
        // Exactly what earlier versions stored: BCrypt over the password itself, no prefix.
        var legacy = BCrypt.Net.BCrypt.HashPassword(Admins.Password, 4);
        var user = await store.CreateAsync($"legacy-{Guid.NewGuid():N}@example.com", legacy, AdminRoles.Admin, default);

        using var first = await LoginAsync(service, user.Email, Admins.Password);
        var rewritten = (await store.GetByIdAsync(user.UserId, default))!;
        using var wrong = await LoginAsync(service, user.Email, "not the password at all");
        using var second = await LoginAsync(service, user.Email, Admins.Password);
        using var withFirstToken = Admins.Client(service, await TokenAsync(first));
        using var stillSignedIn = await withFirstToken.GetAsync("/api/admin/payloads");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith(PasswordHasher.PrehashedPrefix, rewritten.PasswordHash);
        Assert.Equal(user.SecurityStamp, rewritten.SecurityStamp);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(TestService service, string email, string password) =>
        service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email, password });

    private static async Task<string> TokenAsync(HttpResponseMessage login) =>
        (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()!;
}
