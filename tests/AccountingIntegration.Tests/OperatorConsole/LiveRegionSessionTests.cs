using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>A page that refreshes itself, whose session ends meanwhile, goes to the login page and back, not a login form inside the page.</summary>
public sealed class LiveRegionSessionTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task SessionEndsWhileTheOverviewRefreshes_TheBrowserGoesToLoginWithTheWayBack(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var browser = world.LoggedIn("live-session");
        browser.Open("/console");
        browser.WaitForText("Overview");

        browser.Driver.Manage().Cookies.DeleteAllCookies();

        browser.WaitFor(d => new Uri(d.Url).AbsolutePath == "/console/login", seconds: 30);
        Assert.Equal("?returnUrl=%2Fconsole", new Uri(browser.Url).Query);
    }
}
