using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task MapQboSandbox_HostUsesCamelCase_SandboxKeepsQboNames()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddQboSandbox(o => o.AutoApprove = true);
        await using var app = builder.Build();
        app.MapGet("/host", () => new { HostValue = 1 });
        app.MapQboSandbox();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address + "/") };

        var host = await http.GetStringAsync("host");
        using var authorize = await http.GetAsync(TestSandbox.AuthorizePath());
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = TestSandbox.RedirectUri,
            }),
        };
        tokenRequest.Headers.Authorization = TestSandbox.Basic();
        using var tokenResponse = await http.SendAsync(tokenRequest);
        var tokens = await tokenResponse.Content.ReadAsStringAsync();
        var accessToken = JsonDocument.Parse(tokens).RootElement.GetProperty("access_token").GetString();
        using var query = new HttpRequestMessage(HttpMethod.Get, $"v3/company/{TestSandbox.DemoRealm}/query?query=select%20*%20from%20Item%20maxresults%201");
        query.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var queryResponse = await http.SendAsync(query);
        var body = await queryResponse.Content.ReadAsStringAsync();
        await app.StopAsync();

        Assert.Contains("\"hostValue\":1", host, StringComparison.Ordinal);
        Assert.Contains("\"x_refresh_token_expires_in\"", tokens, StringComparison.Ordinal);
        Assert.StartsWith("{\"QueryResponse\":{\"startPosition\":1", body, StringComparison.Ordinal);
        Assert.Contains("\"Item\":[{\"Id\":\"1\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:8090")]
    [InlineData("http://192.168.1.10:0")]
    public async Task StartAsync_NonLoopbackUrl_Throws(string url)
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => QboSandboxServer.StartAsync(url: url));
    }

    [Fact]
    public async Task StartAsync_DefaultUrl_BindsFreeLoopbackPort()
    {
        await using var server = await QboSandboxServer.StartAsync(new SandboxOptions { SeedDemoCompany = false });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var companies = await http.GetStringAsync("_sandbox/companies");

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.BaseUrl.Port);
        Assert.Equal("[]", companies);
    }

    [Fact]
    public async Task StartAsync_WithoutFakeClock_UsesSystemTime()
    {
        await using var server = await QboSandboxServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync($"v3/company/{TestSandbox.DemoRealm}/invoice", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Same(TimeProvider.System, server.State.Time);
    }

    [Fact]
    public async Task Main_NonLoopbackUrls_RefusesWithExitCode2()
    {
        var exitCode = await Program.Main(["--urls", "http://0.0.0.0:0"]);

        Assert.Equal(2, exitCode);
    }
}
