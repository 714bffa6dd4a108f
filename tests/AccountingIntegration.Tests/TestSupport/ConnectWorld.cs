using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.WebUtilities;
using QboSandbox;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The whole connect setting: the local QBO sandbox, the service on real Kestrel over a test
/// database with every QBO URL pointed at the sandbox, and helpers to create tenants.
/// </summary>
internal sealed class ConnectWorld : IAsyncDisposable
{
    public static readonly Uri FrontendUrl = new("http://frontend.test/connected");

    private ConnectWorld(QboSandboxServer sandbox, TestService service)
    {
        Sandbox = sandbox;
        Service = service;
    }

    public QboSandboxServer Sandbox { get; }

    public TestService Service { get; }

    /// <summary>
    /// Starts the sandbox (on <paramref name="time"/>, when given) and the service pointed at it; when the service fails
    /// to start, the sandbox is stopped and the service's exception thrown.
    /// </summary>
    public static async Task<ConnectWorld> StartAsync(TestDatabase database, Action<SandboxOptions>? configureSandbox = null,
        IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? overrides = null, TimeProvider? time = null)
    {
        var sandboxOptions = new SandboxOptions { AutoApprove = true };
        configureSandbox?.Invoke(sandboxOptions);
        var sandbox = await QboSandboxServer.StartAsync(sandboxOptions, time: time);
        try
        {
            return new ConnectWorld(sandbox, await StartOnFreePortAsync(database, Merge(sandbox, settings), overrides));
        }
        catch
        {
            // A service that did not start must not leave its sandbox serving for the rest of the run.
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string> Merge(QboSandboxServer sandbox, IReadOnlyDictionary<string, string>? settings)
    {
        var merged = new Dictionary<string, string>(SandboxOAuth.SettingsFor(sandbox))
        {
            ["FRONTEND_URL"] = FrontendUrl.ToString(),
            // Tests of a class share a database, and every sandbox's first company has the same realm id,
            // so organizations of earlier tests would hold it; the policy's own tests set it explicitly.
            ["QBO_SHARED_COMPANY_POLICY"] = "warn",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        // An empty FRONTEND_URL leaves the service's default: its own result page under API_BASE_URL.
        if (merged.TryGetValue("FRONTEND_URL", out var frontend) && frontend.Length == 0)
        {
            merged.Remove("FRONTEND_URL");
        }

        return merged;
    }

    /// <summary>The service's address is chosen before it starts, because the OAuth redirect it sends to Intuit names it.</summary>
    private static Task<TestService> StartOnFreePortAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings,
        Action<IServiceCollection>? overrides) =>
        LoopbackPort.StartAsync(port =>
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            var withAddress = new Dictionary<string, string> { ["urls"] = baseUrl, ["API_BASE_URL"] = baseUrl };
            foreach (var (key, value) in settings)
            {
                withAddress[key] = value;
            }

            return TestService.StartAsync(database, withAddress, overrides);
        });

    public async Task<(Organization Organization, string ApiKey)> CreateOrganizationAsync(string planTier = "pro")
    {
        var organizations = Service.Services.GetRequiredService<OrganizationStore>();
        var organization = await organizations.CreateAsync("Tenant " + Guid.NewGuid().ToString("N")[..6], Unique.Slug(), planTier, null, default);
        var apiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        await Service.Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organization.OrganizationId, null, "test key", SecretTokens.DisplayPrefix(apiKey), SecretTokens.Hash(apiKey), null, default);
        return (organization, apiKey);
    }

    /// <summary>Connects the organization through the real flow: API key → Intuit consent → callback.</summary>
    public async Task<IDictionary<string, string>> ConnectAsync(Organization organization, string apiKey, string decision = "approve")
    {
        using var browser = new Browser(FrontendUrl, decision);
        var landed = await browser.NavigateAsync(new Uri(Service.BaseAddress, $"/api/v1/connect/{organization.Slug}"),
            new Dictionary<string, string> { ["X-API-Key"] = apiKey, ["Accept"] = "text/html" });
        return Query(landed);
    }

    public HttpClient ClientWithKey(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Service.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    public static IDictionary<string, string> Query(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
