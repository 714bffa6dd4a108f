using System.Net;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Connections;

public sealed class ConnectResultPageTests
{
    [Fact]
    public async Task Connected_Success_SaysWhichCompanyAndEncodesInput()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var service = await TestService.StartAsync(database);

        using var ok = await service.Client.GetAsync("/connected?connected=true&org=acme&realmId=%3Cscript%3E");
        using var failed = await service.Client.GetAsync("/connected?connected=false&error=state_expired");
        var okHtml = await ok.Content.ReadAsStringAsync();
        var failedHtml = await failed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/html", ok.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Connected</h1>", okHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", okHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", okHtml, StringComparison.Ordinal);
        Assert.Contains("expired", failedHtml, StringComparison.Ordinal);
        Assert.Contains("<code>state_expired</code>", failedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateConnectLink_PrintsASingleUseLinkOnTheServiceBaseUrl()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings)
        {
            ["DATABASE_URL"] = database.Url,
            ["API_BASE_URL"] = "https://ai.example.com",
        };
        var output = new StringWriter();
        await using var app = Program.BuildApp(TestService.ToArgs(settings));
        await ServiceCommands.RunAsync(app.Services, ["create-organization", "--slug", "linked-org"], output);

        Assert.Equal(0, await ServiceCommands.RunAsync(app.Services, ["create-connect-link", "--org", "linked-org", "--days", "3"], output));

        Assert.Matches(@"https://ai\.example\.com/api/v1/connect/token/act_[A-Za-z0-9_-]{43}", output.ToString());
    }
}
