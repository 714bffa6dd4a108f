using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Webhooks;

/// <summary>
/// QBO's own webhooks, delivered to a real loopback endpoint: CloudEvents and legacy bodies (Intuit blog "Upcoming
/// change to webhooks payload structure", 12 Nov 2025), the intuit-signature HMAC, batching per realm, and retries on
/// the schedule of Intuit's webhooks best practices, moved with the fake clock.
/// </summary>
public sealed class WebhookTests
{
    private const string Verifier = "00faeec4-08d0-4996-bb37-698ae19f0149";

    [Fact]
    public async Task Flush_AfterInvoiceCreate_PostsSignedCloudEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        await RegisterAsync(sandbox, receiver, "");
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        var result = await FlushAsync(sandbox);

        Assert.Equal(1, result["delivered"]!.GetValue<int>());
        var post = Assert.Single(receiver.Received);
        Assert.Equal(Sign(post.Body), post.Signature);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        var cloudEvent = Assert.Single(post.Json.AsArray())!.AsObject();
        Assert.Equal("1.0", cloudEvent["specversion"]!.GetValue<string>());
        Assert.Equal("qbo.invoice.created.v1", cloudEvent["type"]!.GetValue<string>());
        Assert.Equal(invoice["Id"]!.GetValue<string>(), cloudEvent["intuitentityid"]!.GetValue<string>());
        Assert.Equal(TestSandbox.DemoRealm, cloudEvent["intuitaccountid"]!.GetValue<string>());
        Assert.StartsWith("intuit.", cloudEvent["source"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2015-07-24T17:33:39.0000000Z", cloudEvent["time"]!.GetValue<string>());
        Assert.Equal("{}", cloudEvent["data"]!.ToJsonString());
        Assert.True(Guid.TryParse(cloudEvent["id"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Legacy_CreateVoidDelete_OneNotificationWithQbosOperations()
    {
        // QBO reports a voided transaction with operation "Void" (Intuit blog "Webhooks … void operation", 2017).
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        await RegisterAsync(sandbox, receiver, ""","format":"legacy","entities":["Invoice"]""");
        var token = await sandbox.ConnectAsync();
        var voided = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        await sandbox.CreateAsync(token, "Invoice?operation=void", $$"""{"Id":"{{voided["Id"]}}","SyncToken":"0"}""");
        var deleted = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        await sandbox.CreateAsync(token, "Invoice?operation=delete", $$"""{"Id":"{{deleted["Id"]}}","SyncToken":"0"}""");
        await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Not an invoice"}""");

        await FlushAsync(sandbox);

        var post = Assert.Single(receiver.Received);
        Assert.Equal(Sign(post.Body), post.Signature);
        var notification = Assert.Single(post.Json["eventNotifications"]!.AsArray())!;
        Assert.Equal(TestSandbox.DemoRealm, notification["realmId"]!.GetValue<string>());
        var entities = notification["dataChangeEvent"]!["entities"]!.AsArray();
        Assert.Equal(
            ["Invoice 1 Create", "Invoice 1 Void", "Invoice 2 Create", "Invoice 2 Delete"],
            entities.Select(e => $"{e!["name"]} {e["id"]} {e["operation"]}"));
        Assert.Equal("2015-07-24T17:33:39.000Z", entities[0]!["lastUpdated"]!.GetValue<string>());
    }

    [Fact]
    public async Task PeriodicSend_FollowsTheSandboxClock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(o => o.WebhookFlushInterval = TimeSpan.FromMinutes(5));
        await RegisterAsync(sandbox, receiver, "");
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Periodic"}""");
        Assert.Empty(sandbox.State.GetWebhookDeliveries());

        sandbox.Time.Advance(TimeSpan.FromMinutes(5));

        await receiver.WaitForAsync(1);
        Assert.Equal("qbo.customer.created.v1", receiver.Received[0].Json[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlushInterval_ChangedAtRunTime_AppliesAtOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        await RegisterAsync(sandbox, receiver, "");
        var token = await sandbox.ConnectAsync();
        using var content = new StringContent("""{"webhookFlushIntervalSeconds":10}""", Encoding.UTF8, "application/json");
        using var patch = await sandbox.Http.PatchAsync("_sandbox/options", content);
        await sandbox.CreateAsync(token, "Item", """{"Name":"Kit","Type":"Service","IncomeAccountRef":{"value":"1"}}""");

        sandbox.Time.Advance(TimeSpan.FromSeconds(10));

        await receiver.WaitForAsync(1);
        Assert.Contains("\"webhookFlushIntervalSeconds\":10", await patch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("qbo.item.created.v1", receiver.Received[0].Json[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailedDelivery_RetriedOnSchedule_LaterEventsWaitForTheAcknowledgement()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        await RegisterAsync(sandbox, receiver, "");
        var token = await sandbox.ConnectAsync();
        receiver.RespondWith(500, 503);
        await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"First"}""");

        var first = await FlushAsync(sandbox);
        await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Second"}""");
        var held = await FlushAsync(sandbox);

        Assert.Equal(1, first["failed"]!.GetValue<int>());
        Assert.Equal(0, held["delivered"]!.GetValue<int>() + held["failed"]!.GetValue<int>());
        Assert.Single(receiver.Received);

        // 10 s, then 20 s after each failed attempt (Intuit: 10s, 20s, 30s, 5m, 20m, 2h, 4h, 6h, then every 6 h).
        sandbox.Time.Advance(TimeSpan.FromSeconds(10));
        await receiver.WaitForAsync(2);
        await TestSandbox.WaitUntilAsync(() => sandbox.State.GetWebhookDeliveries().Count == 2, "the second attempt to be logged");
        sandbox.Time.Advance(TimeSpan.FromSeconds(20));
        await receiver.WaitForAsync(3);
        await TestSandbox.WaitUntilAsync(() => sandbox.State.GetWebhookDeliveries().Count == 3, "the third attempt to be logged");
        await FlushAsync(sandbox);
        await receiver.WaitForAsync(4);

        var posts = receiver.Received;
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(posts[0].Body, posts[2].Body);
        Assert.Equal("qbo.customer.created.v1", posts[3].Json[0]!["type"]!.GetValue<string>());
        Assert.NotEqual(posts[0].Json[0]!["intuitentityid"]!.GetValue<string>(), posts[3].Json[0]!["intuitentityid"]!.GetValue<string>());
        var log = sandbox.State.GetWebhookDeliveries();
        Assert.Equal([500, 503, 200, 200], log.Select(d => d.StatusCode ?? 0));
        Assert.Equal(TestSandbox.Start + TimeSpan.FromSeconds(10), log[0].NextAttemptAt);
        Assert.Equal(TestSandbox.Start + TimeSpan.FromSeconds(30), log[1].NextAttemptAt);
        Assert.Equal([1, 2, 3, 1], log.Select(d => d.Attempt));
    }

    [Fact]
    public async Task Events_OnlyForRealmsTheAppIsConnectedTo()
    {
        // Intuit: "you'll only receive change notifications for QuickBooks Online companies that are connected".
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        await RegisterAsync(sandbox, receiver, "");
        var realm = sandbox.State.CreateCompany("Not yet connected");
        using (var before = await sandbox.ControlPostAsync($"companies/{realm}/customer", """{"DisplayName":"Before"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        var token = await sandbox.ConnectToAsync(realm);
        await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"After"}""", realm);
        await FlushAsync(sandbox);

        var events = Assert.Single(receiver.Received).Json.AsArray();
        var created = Assert.Single(events)!;
        Assert.Equal(realm, created["intuitaccountid"]!.GetValue<string>());
        Assert.Equal("2", created["intuitentityid"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreferencesUpdate_NotifiedAsPreferencesUpdated()
    {
        // Preferences supports only the Update operation in Intuit's webhooks table.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        await RegisterAsync(sandbox, receiver, ",\"format\":\"Legacy\"");
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Preferences", """{"Id":"1","SyncToken":"0","sparse":true,"AccountingInfoPrefs":{"TrackDepartments":true}}""");

        await FlushAsync(sandbox);

        var entity = Assert.Single(receiver.Received).Json["eventNotifications"]![0]!["dataChangeEvent"]!["entities"]![0]!;
        Assert.Equal("Preferences 1 Update", $"{entity["name"]} {entity["id"]} {entity["operation"]}");
    }

    [Fact]
    public async Task ControlApi_RegisterListRemove()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var created = await sandbox.ControlPostAsync("webhooks", """{"url":"http://127.0.0.1:9/hook","entities":["invoice","Payment"]}""");
        using var badUrl = await sandbox.ControlPostAsync("webhooks", """{"url":"ftp://example.com/hook"}""");
        using var badEntity = await sandbox.ControlPostAsync("webhooks", """{"url":"http://127.0.0.1:9/hook","entities":["TaxCode"]}""");
        using var badApp = await sandbox.ControlPostAsync("webhooks", """{"url":"http://127.0.0.1:9/hook","clientId":"nobody"}""");
        var listed = await sandbox.Http.GetStringAsync("_sandbox/webhooks");
        using var removed = await sandbox.Http.DeleteAsync("_sandbox/webhooks/1");
        using var missing = await sandbox.Http.DeleteAsync("_sandbox/webhooks/1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await TestSandbox.JsonAsync(created);
        Assert.Equal("CloudEvents", body["format"]!.GetValue<string>());
        Assert.Equal(["Invoice", "Payment"], body["entities"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(Guid.TryParse(body["verifierToken"]!.GetValue<string>(), out _));
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEntity.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badApp.StatusCode);
        Assert.DoesNotContain("verifierToken", listed, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"http://127.0.0.1:9/hook\"", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void Signature_MatchesIntuitsSdkTestVector()
    {
        // QuickBooks-V3-DotNET-SDK, WebhooksServiceTest.ExecuteverifyToken: this payload and verifier token sign to this value.
        const string payload = """{"eventNotifications":[{"realmId":"1269959970","dataChangeEvent":{"entities":[{"name":"Vendor","id":"40","operation":"Update","lastUpdated":"2016-10-05T03:09:04.000Z"},{"name":"Customer","id":"43","operation":"Create","lastUpdated":"2016-10-05T03:07:04.000Z"}]}}]}""";

        var signature = QboSandbox.Webhooks.WebhookSignature.Sign(Verifier, Encoding.UTF8.GetBytes(payload));

        Assert.Equal("6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=", signature);
    }

    private static async Task RegisterAsync(TestSandbox sandbox, WebhookReceiver receiver, string extraJson)
    {
        using var response = await sandbox.ControlPostAsync("webhooks", $$"""{"url":"{{receiver.Url}}","verifierToken":"{{Verifier}}"{{extraJson}}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonObject> FlushAsync(TestSandbox sandbox)
    {
        using var response = await sandbox.ControlPostAsync("webhooks/flush", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestSandbox.JsonAsync(response);
    }

    /// <summary>What a receiver computes: base64(HMAC-SHA256(verifier token, raw body)).</summary>
    private static string Sign(byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Verifier), body));
}
