using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using OpenQA.Selenium;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// Replays followed in the browser on the pipeline's fake clock: a replayed payload's page follows it through a retry to
/// booked without being reloaded, and "replay all that match" replays only what the search text selects.
/// </summary>
public sealed class PayloadReplayFollowTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string DuplicateName = """
        {"Fault":{"Error":[{"Message":"Duplicate Name Exists Error","Detail":"The name supplied already exists.","code":"6240"}],"type":"ValidationFault"}}
        """;

    [Theory, BothDatabases]
    public async Task ReplayedPayload_PageFollowsItThroughARetryToBooked_WithoutReloading(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", status = 400, body = JsonDocument.Parse(DuplicateName).RootElement, count = 1 });
        var payloadId = await SendAsync(world, 83001, PayloadStatus.Failed);
        // The replay's first attempt meets an outage longer than the HTTP client's own retries: the payload retries later.
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", status = 500, count = 4 });
        using var browser = await LogInAsync(world, "payloads-follow");

        browser.Open($"/console/payloads/{world.Organization.OrganizationId}/{payloadId}");
        browser.WaitForText("Why it failed");
        // A failed payload has settled: its page does not ask for fresh HTML.
        Assert.Empty(browser.FindAll("#payload-live[data-refresh]"));
        browser.Click("Replay this payload");
        browser.WaitForText("Replayed: the payload is queued");
        Assert.NotEqual("Booked", browser.Find("#payload-status").Text.Trim());
        Assert.Single(browser.FindAll("#payload-live[data-refresh][data-interval]"));
        // Gone if the page were reloaded or left.
        browser.Driver.ExecuteScript("window.followedWithoutReload = true;");

        // The worker tries, QuickBooks answers 500: the page shows the retry and why, by itself.
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Retrying);
        browser.WaitFor(d => d.FindElement(By.Id("payload-status")).Text.Trim() == "Retrying", seconds: 30);
        browser.WaitFor(d => d.FindElements(By.Id("why-title")).Count == 1 && d.FindElement(By.Id("why-title")).Text.StartsWith("Why it is retrying", StringComparison.Ordinal));

        // The clock reaches the retry: booked, and the page says so with the document, then stops asking.
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);
        browser.WaitFor(d => d.FindElement(By.Id("payload-status")).Text.Trim() == "Booked", seconds: 30);
        browser.WaitForText("Documents booked");
        Assert.Empty(browser.FindAll("#why"));
        Assert.Contains("Invoice", browser.Find("#timeline").Text, StringComparison.Ordinal);
        Assert.Contains("Retrying", browser.Find("#timeline").Text, StringComparison.Ordinal);
        Assert.Single(browser.FindAll("#payload-live [data-refresh-done]"));
        Assert.Equal(true, browser.Driver.ExecuteScript("return window.followedWithoutReload === true;"));
        browser.CheckPage("booked-live");
    }

    [Theory, BothDatabases]
    public async Task ReplayAllThatMatch_WithSearchText_ReplaysOnlyWhatTheSearchSelects(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", status = 400, body = JsonDocument.Parse(DuplicateName).RootElement, count = 2 });
        var chosen = await SendAsync(world, 84001, PayloadStatus.Failed);
        var other = await SendAsync(world, 84002, PayloadStatus.Failed);
        using var browser = await LogInAsync(world, "payloads-replay-text");

        browser.Open($"/console/payloads?status=failed&organizationId={world.Organization.OrganizationId}&q={chosen}");
        browser.WaitForText("1 payload(s) match.");
        browser.Click("Replay all that match…");
        browser.WaitForText("Replay 1 payload(s)?");
        Assert.Contains(chosen, browser.Find("section.confirm").Text, StringComparison.Ordinal);
        browser.CheckPage("replay-all-text-confirm");
        browser.Click("Yes, replay 1 payload(s)");
        browser.WaitForText("Replayed 1 payload(s)");

        await world.WaitForStatusAsync(chosen, PayloadStatus.Succeeded);
        var untouched = await world.WaitForStatusAsync(other, PayloadStatus.Failed);
        Assert.Equal(1, untouched.GetProperty("payload").GetProperty("attempts").GetInt32());
    }

    private static async Task<string> SendAsync(PipelineWorld world, long order, string status)
    {
        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(order));
        response.EnsureSuccessStatusCode();
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
        await world.WaitForStatusAsync(payloadId, status);
        return payloadId;
    }

    private static async Task<ConsoleBrowser> LogInAsync(PipelineWorld world, string name)
    {
        var (admin, _) = await Admins.CreateAsync(world.Services);
        return new ConsoleBrowser(world.Connect.Service.BaseAddress, name).LogIn(admin.Email, Admins.Password);
    }
}
