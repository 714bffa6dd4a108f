using System.Net;
using System.Reflection;
using System.Text.Encodings.Web;
using AccountingIntegration.Features.Connections.Connect;
using AccountingIntegration.Features.Connections.OAuth;
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
        Assert.Contains("<h1>QuickBooks is connected</h1>", okHtml, StringComparison.Ordinal);
        Assert.Contains("company id &lt;script&gt;", okHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>acme</strong>", okHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", okHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("<h1>QuickBooks was not connected</h1>", failedHtml, StringComparison.Ordinal);
        Assert.Contains("within 10 minutes", failedHtml, StringComparison.Ordinal);
        Assert.Contains("<code>state_expired</code>", failedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connected_EveryOAuthErrorCode_IsExplainedInWordsWithWhatToDo()
    {
        var codes = typeof(OAuthErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var service = await TestService.StartAsync(database);

        Assert.Equal(codes.Order(), ConnectExplanations.Codes.Order());
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var words = ConnectExplanations.For(code);
            Assert.True(titles.Add(words.Title), $"{code} shares its title with another code");
            using var response = await service.Client.GetAsync($"/connected?connected=false&error={code}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(HtmlEncoder.Default.Encode(words.WhatHappened), html, StringComparison.Ordinal);
            Assert.Contains("What to do:", html, StringComparison.Ordinal);
            Assert.Contains(HtmlEncoder.Default.Encode(words.WhatToDo), html, StringComparison.Ordinal);
        }

        // A code this service never sends still gets words, not the code alone.
        using var unknown = await service.Client.GetAsync("/connected?connected=false&error=made_up");
        Assert.Contains("ended without saying why", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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

        // The link opens the connect page, which explains and then hands over to /api/v1/connect/token/{token}.
        Assert.Matches(@"https://ai\.example\.com/connect/act_[A-Za-z0-9_-]{43}", output.ToString());
    }
}
