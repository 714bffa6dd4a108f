using System.Net;
using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// Logging in and out of the console in a real browser: the session cookie carries the operator's
/// revocable token, forms need the CSRF token, and viewers only read.
/// </summary>
public sealed class ConsoleSessionTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task LogIn_WithTheAdminAccount_OpensTheOverviewWithAnHttpOnlySessionCookie(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var browser = world.Browser("session");

        browser.Open("/console?from=test");
        Assert.Contains("/console/login", browser.Url, StringComparison.Ordinal);
        browser.CheckPage("login");
        browser.Fill("E-mail", world.Admin.Email).Fill("Password", "not the password").Click("Log in");
        browser.WaitForText("do not match an active operator");
        browser.Fill("Password", Admins.Password).Click("Log in");
        browser.WaitFor(d => d.Url.EndsWith("/console?from=test", StringComparison.Ordinal));

        var cookie = browser.Driver.Manage().Cookies.GetCookieNamed("ai_console")!;
        Assert.True(cookie.IsHttpOnly);
        Assert.Equal("Lax", cookie.SameSite);
        Assert.Equal("/console", cookie.Path);
        // The cookie is the API's own token: the same value is a bearer token on the JSON API.
        using var api = Admins.Client(world.Service, cookie.Value);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/organizations")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task LogOut_RevokesTheTokenServerSide(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var browser = world.LoggedIn("logout");
        browser.CheckPage("overview-signed-in");
        var token = browser.Driver.Manage().Cookies.GetCookieNamed("ai_console")!.Value;

        browser.Click("Log out");
        browser.WaitFor(d => d.Url.Contains("/console/login", StringComparison.Ordinal));

        using var api = Admins.Client(world.Service, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/organizations")).StatusCode);
        Assert.Null(browser.Driver.Manage().Cookies.GetCookieNamed("ai_console"));
    }

    [Theory, BothDatabases]
    public async Task Post_WithoutTheCsrfToken_ChangesNothing(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var session = await world.Service.Services.GetRequiredService<AdminAuthService>().LoginAsync(world.Admin.Email, Admins.Password, null, default);
        var cookies = new CookieContainer();
        cookies.Add(world.Service.BaseAddress, new System.Net.Cookie("ai_console", session.Token, "/console"));
        using var forged = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = world.Service.BaseAddress };

        using var response = await forged.PostAsync("/console/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = "guessed" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/expired", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var api = Admins.Client(world.Service, session.Token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/organizations")).StatusCode); // not logged out
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesPagesButAChangeLandsOnTheForbiddenPage(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("viewer").LogIn(viewer.Email, Admins.Password);
        Assert.Contains("(viewer)", browser.Text, StringComparison.Ordinal);

        // A form a viewer is never shown, posted with a valid token from its own session.
        var token = browser.Find("meta[name='csrf-token']").GetAttribute("content");
        browser.Driver.ExecuteScript(
            "const f=document.createElement('form');f.method='post';f.action='/console/login';" +
            "const i=document.createElement('input');i.name='__csrf';i.value=arguments[0];f.appendChild(i);document.body.appendChild(f);f.submit();", token);
        browser.WaitFor(d => d.Url.EndsWith("/console/forbidden", StringComparison.Ordinal));
        browser.CheckPage("forbidden");
        Assert.Contains("viewer", browser.Find("main").Text, StringComparison.Ordinal);
        Assert.Empty(browser.FindAll("main form"));
    }

    [Fact]
    public async Task AccessibilityCheck_FindsAnUnlabelledField()
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var browser = world.Browser("axe-probe").Open("/console/login");
        Assert.Empty(browser.AccessibilityViolations());

        browser.Driver.ExecuteScript("document.querySelector('label[for=email]').remove();");

        Assert.Contains(browser.AccessibilityViolations(), v => v.StartsWith("label (critical)", StringComparison.Ordinal));
    }
}
