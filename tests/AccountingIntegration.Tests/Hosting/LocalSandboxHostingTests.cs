using System.Net;
using System.Net.Sockets;
using System.Text.Json;
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
        var sandboxPort = FreePort();
        try
        {
            await using var app = Program.BuildApp(
                ["--environment=Development", "--urls=http://127.0.0.1:0", $"--LOCAL_QBO_SANDBOX_PORT={sandboxPort}", $"--DATABASE_URL=sqlite:///{folder.FullName}/dev.db"]);
            await app.StartAsync();

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
