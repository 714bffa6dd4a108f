using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The service exactly as Program composes it, on real Kestrel bound to a free loopback port,
/// over a test database. Settings go in as <c>--KEY=value</c> arguments, like environment variables.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    // Long random-looking values: the test environment is not Development, so weak secrets are refused.
    public static readonly IReadOnlyDictionary<string, string> DefaultSettings = new Dictionary<string, string>
    {
        ["environment"] = "Testing",
        ["ENCRYPTION_KEY"] = "t3st-Encrypt10n-K3y-9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        ["JWT_SECRET"] = "t3st-JWT-S1gn1ng-9a8b7c6d5e4f30211203f4e5d6c7b8a9",
        ["OAUTH_STATE_SECRET"] = "t3st-0Auth-St4te-1f2e3d4c5b6a79880796a5b4c3d2e1f0",
        ["QBO_ENVIRONMENT"] = "local",
        ["LOCAL_QBO_SANDBOX"] = "false",
        ["LOG_LEVEL"] = "Warning",
        // The lowest BCrypt cost keeps login tests fast; production defaults to 12.
        ["ADMIN_BCRYPT_COST"] = "4",
    };

    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestService> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? overrides = null)
    {
        var merged = new Dictionary<string, string>(DefaultSettings)
        {
            ["DATABASE_URL"] = database.Url,
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var app = Program.BuildApp(ToArgs(merged), overrides);
        try
        {
            await app.StartAsync();
        }
        catch (Exception failedStart)
        {
            // Hosted services that started before the bind failed (the workers) must not outlive the failed start; a clean-up
            // that fails too must not hide why the start failed.
            try
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
            catch (Exception failedCleanup)
            {
                throw new AggregateException("The service did not start, and stopping it failed too.", failedStart, failedCleanup);
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestService(app, new Uri(address));
    }

    public static string[] ToArgs(IReadOnlyDictionary<string, string> settings) =>
        settings.Select(p => $"--{p.Key}={p.Value}").ToArray();

    private int _disposed;

    /// <summary>Stops the host gracefully (workers finish in-flight work); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
