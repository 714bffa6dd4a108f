using AccountingIntegration.Features.Admin;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// What a console test needs: the service on Kestrel with the local QBO sandbox (asking for consent,
/// as Intuit does, unless told to approve by itself), the service's own connect result pages, an
/// operator who logs in through the form, and browsers that photograph into artifacts/screenshots.
/// </summary>
internal sealed class ConsoleWorld : IAsyncDisposable
{
    private readonly List<ConsoleBrowser> _browsers = [];

    private ConsoleWorld(ConnectWorld connect, AdminUser admin)
    {
        Connect = connect;
        Admin = admin;
    }

    public ConnectWorld Connect { get; }

    public TestService Service => Connect.Service;

    /// <summary>An operator with the admin role; its password is <see cref="Admins.Password"/>.</summary>
    public AdminUser Admin { get; }

    public static async Task<ConsoleWorld> StartAsync(TestDatabase database, bool sandboxAsksForConsent = true,
        IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? overrides = null)
    {
        var merged = new Dictionary<string, string> { ["FRONTEND_URL"] = string.Empty };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var connect = await ConnectWorld.StartAsync(database, sandbox => sandbox.AutoApprove = !sandboxAsksForConsent, merged, overrides);
        try
        {
            var (admin, _) = await Admins.CreateAsync(connect.Service.Services, AdminRoles.Admin);
            return new ConsoleWorld(connect, admin);
        }
        catch
        {
            await connect.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new browser (own profile and cookies) on the service; <paramref name="name"/> prefixes its screenshots.</summary>
    public ConsoleBrowser Browser(string name, bool phone = false)
    {
        var browser = new ConsoleBrowser(Service.BaseAddress, name, phone);
        _browsers.Add(browser);
        return browser;
    }

    /// <summary>A browser already logged in as <see cref="Admin"/>.</summary>
    public ConsoleBrowser LoggedIn(string name, bool phone = false) => Browser(name, phone).LogIn(Admin.Email, Admins.Password);

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers)
        {
            browser.Dispose();
        }

        await Connect.DisposeAsync();
    }
}
