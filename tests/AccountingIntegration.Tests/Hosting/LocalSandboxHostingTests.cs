using System.Net;
using System.Text.Json;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// <c>dotnet run</c> in Development hosts the local QBO sandbox on its own port and points every QBO
/// URL at it, with no setting at all; the service's settings refuse it anywhere else.
/// </summary>
public sealed class LocalSandboxHostingTests
{
    [Fact]
    public async Task Development_HostsTheSandboxOnItsPort_AndPointsQboAtIt()
    {
        var folder = Directory.CreateTempSubdirectory("ai-dev-");
        try
        {
            // The sandbox's port is set before the start: the QBO URLs name it.
            var (app, sandboxPort) = await LoopbackPort.StartAsync(async port => (await StartAsync(
                ["--environment=Development", "--urls=http://127.0.0.1:0", $"--LOCAL_QBO_SANDBOX_PORT={port}", $"--DATABASE_URL=sqlite:///{folder.FullName}/dev.db"]), port));
            await using var started = app;

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sandboxPort}") };
            using var companies = await http.GetAsync("/_sandbox/companies");
            var body = JsonDocument.Parse(await companies.Content.ReadAsStringAsync()).RootElement.GetRawText();
            var qbo = app.Services.GetRequiredService<Infrastructure.QuickBooks.QboOptions>();

            Assert.Equal(HttpStatusCode.OK, companies.StatusCode);
            Assert.Contains(SandboxState.FirstRealmId, body, StringComparison.Ordinal);
            Assert.Equal(new Uri($"http://127.0.0.1:{sandboxPort}"), qbo.ApiBaseUrl);
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// An organization connected in one run is still connected in the next: the hosted sandbox keeps its
    /// companies and tokens in a state file beside the database, so the stored tokens still work after a restart.
    /// </summary>
    [Fact]
    public async Task Development_Restart_KeepsTheSandboxCompaniesAndTokens()
    {
        var folder = Directory.CreateTempSubdirectory("ai-dev-");
        try
        {
            // Both ports are set before the first start (the OAuth redirect and the QBO URLs name them) and kept for the
            // restart, as a developer's settings are; a port taken in between fails the restart's bind.
            var (first, baseUrl, args) = await LoopbackPort.StartAsync(2, async ports =>
            {
                var url = $"http://127.0.0.1:{ports[0]}";
                string[] settings =
                [
                    "--environment=Development", $"--urls={url}", $"--API_BASE_URL={url}", $"--LOCAL_QBO_SANDBOX_PORT={ports[1]}",
                    $"--DATABASE_URL=sqlite:///{folder.FullName}/dev.db",
                ];
                return (await StartAsync(settings), url, settings);
            });
            Organization organization;
            string apiKey;
            await using (first)
            {
                (organization, apiKey) = await TenantAsync(first.Services);
                using var browser = new Browser(new Uri($"{baseUrl}/connected"));
                var landed = await browser.NavigateAsync(new Uri($"{baseUrl}/api/v1/connect/{organization.Slug}"),
                    new Dictionary<string, string> { ["X-API-Key"] = apiKey, ["Accept"] = "text/html" });
                Assert.Contains("connected=true", landed.Query, StringComparison.Ordinal);
                await first.StopAsync();
            }

            Assert.True(File.Exists(Path.Combine(folder.FullName, "qbo-sandbox.json")));
            await using var second = await StartAsync(args);
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
            using var health = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/health"));

            Assert.True(health.RootElement.GetProperty("data").GetProperty("healthy").GetBoolean(), health.RootElement.GetRawText());
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(Organization Organization, string ApiKey)> TenantAsync(IServiceProvider services)
    {
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Restart Ltd", Unique.Slug(), "pro", null, default);
        var apiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        await services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organization.OrganizationId, null, "key", SecretTokens.DisplayPrefix(apiKey), SecretTokens.Hash(apiKey), null, default);
        return (organization, apiKey);
    }

    /// <summary>A start that fails (a port taken) stops what had started (the hosted sandbox) before it throws.</summary>
    private static async Task<WebApplication> StartAsync(string[] args)
    {
        var app = Program.BuildApp(args);
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.StopAsync();
            await app.DisposeAsync();
            throw;
        }
    }
}
