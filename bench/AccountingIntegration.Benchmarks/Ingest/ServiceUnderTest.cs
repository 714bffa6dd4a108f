using System.Net;
using System.Net.Sockets;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>A tenant made for the benchmark: an organization, its API key and its default Shopify source.</summary>
internal sealed record BenchTenant(string OrganizationId, string Slug, string ApiKey, string SourceId);

/// <summary>
/// The service exactly as its Program composes it (the same <c>BuildApp</c> the tests use), on real Kestrel on
/// loopback, over a benchmark database. Settings go in as <c>--KEY=value</c> arguments, like environment variables.
/// </summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    // Long random-looking values: outside Development weak secrets are refused. They protect nothing real.
    private static readonly IReadOnlyDictionary<string, string> DefaultSettings = new Dictionary<string, string>
    {
        ["environment"] = "Benchmark",
        ["ENCRYPTION_KEY"] = "b3nch-Encrypt10n-K3y-4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d",
        ["JWT_SECRET"] = "b3nch-JWT-S1gn1ng-0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        ["OAUTH_STATE_SECRET"] = "b3nch-0Auth-St4te-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
        ["QBO_ENVIRONMENT"] = "local",
        ["LOCAL_QBO_SANDBOX"] = "false",
        ["LOG_LEVEL"] = "Warning",
        // The tenant is on the pro plan; its per-key request limit is off (0 = unlimited), or the benchmark would
        // measure the plan limiter's 429s instead of ingest.
        ["PLAN_PRO_REQUESTS_PER_MINUTE"] = "0",
    };

    private readonly WebApplication _app;

    private ServiceUnderTest(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="databaseUrl">DATABASE_URL; the service migrates it on start.</param>
    /// <param name="baseUrl">The address to listen on: port 0 for any free one, or a fixed one when it must also go into API_BASE_URL.</param>
    /// <param name="settings">Further settings, over the defaults.</param>
    public static async Task<ServiceUnderTest> StartAsync(string databaseUrl, string baseUrl, IReadOnlyDictionary<string, string> settings)
    {
        var merged = new Dictionary<string, string>(DefaultSettings)
        {
            ["DATABASE_URL"] = databaseUrl,
            ["urls"] = baseUrl,
        };
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        var app = Program.BuildApp(merged.Select(p => $"--{p.Key}={p.Value}").ToArray());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceUnderTest(app, new Uri(address));
    }

    public static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>An organization with an API key and a default Shopify source without signature, like a new tenant.</summary>
    public async Task<BenchTenant> CreateTenantAsync()
    {
        var slug = "bench-" + Guid.NewGuid().ToString("N")[..10];
        var organization = await Services.GetRequiredService<OrganizationStore>().CreateAsync("Benchmark shop", slug, "pro", null, default);
        var apiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        await Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organization.OrganizationId, null, "benchmark key", SecretTokens.DisplayPrefix(apiKey), SecretTokens.Hash(apiKey), null, default);
        var source = await Services.GetRequiredService<WebhookStore>().CreateSourceAsync(
            organization.OrganizationId, "Shopify", "shopify", "none", null, null, isDefault: true, default);
        return new BenchTenant(organization.OrganizationId, slug, apiKey, source.SourceId);
    }

    /// <summary>The built-in global templates (Shopify among them), as an operator's first start installs them.</summary>
    public Task InstallTemplatesAsync() => Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
