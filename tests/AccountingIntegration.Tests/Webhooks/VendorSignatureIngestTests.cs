using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using AccountingIntegration.Tests.Webhooks.Signatures;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// WooCommerce, Square and PayPal pointed straight at the service, without a relay adding an API key: each vendor's
/// signature is checked on the real endpoint, a bad one is refused and stores nothing.
/// </summary>
public sealed class VendorSignatureIngestTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string PublicBase = "https://books.example.test";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["WORKER_CONCURRENCY"] = "0",
        ["WEBHOOK_MAX_BYTES"] = "65536",
        ["API_BASE_URL"] = PublicBase,
    };

    [Theory, BothDatabases]
    public async Task WooCommerce_PingAnswered200_SignedOrderAccepted_ForgedRefused(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: Settings);
        var (sourceId, generated) = await CreateSourceAsync(world, "woocommerce", "woocommerce", secret: null);
        var body = WooCommerceSignatureVerifierTests.WordPressJson(File.ReadAllText(Fixtures.Path("woocommerce/order.created.json")));

        using var ping = await world.Connect.Service.Client.SendAsync(Ping(world, sourceId));
        using var signed = await world.Connect.Service.Client.SendAsync(WooCommerce(world, sourceId, body, Hmac.Base64(generated!, body)));
        using var forged = await world.Connect.Service.Client.SendAsync(WooCommerce(world, sourceId, body, Hmac.Base64("not-the-secret-1", body)));

        Assert.StartsWith("aisec_", generated, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("7", (await ping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("webhookId").GetString());
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("INVALID_SIGNATURE", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(1, await StoredAsync(world));
    }

    /// <summary>
    /// A source is stored with its secret in one write: created, then given its secret in a second, a failure between the
    /// two left an active source that checks signatures with no secret to check them with. Here every change to an
    /// existing source is refused, and creating one with a secret still works.
    /// </summary>
    [Theory, BothDatabases]
    public async Task SourceCreatedWithASecret_IsStoredInOneWrite(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, connect: false, settings: Settings);
        await using var noChanges = await TestTrigger.InstallAsync(database, TestTrigger.NewName("source_change_refused"), "BEFORE UPDATE ON webhook_sources",
            $"OLD.organization_id = '{Guid.Parse(world.Organization.OrganizationId)}'",
            "SELECT RAISE(ABORT, 'no change');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no change';");

        var (sourceId, generated) = await CreateSourceAsync(world, "woocommerce", "woocommerce", secret: null);
        var body = WooCommerceSignatureVerifierTests.WordPressJson(File.ReadAllText(Fixtures.Path("woocommerce/order.created.json")));
        using var signed = await world.Connect.Service.Client.SendAsync(WooCommerce(world, sourceId, body, Hmac.Base64(generated!, body)));

        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task WooCommercePing_ToAnotherVendorsSource_IsRefusedAs415(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: Settings);
        var (sourceId, _) = await CreateSourceAsync(world, "stripe", "stripe", "whsec_ping_test_secret");

        using var ping = await world.Connect.Service.Client.SendAsync(Ping(world, sourceId));
        using var unknown = await world.Connect.Service.Client.SendAsync(Ping(world, "src_missing"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, ping.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await StoredAsync(world));
    }

    [Theory, BothDatabases]
    public async Task Square_SignedOverThePublicOrTheReachedUrl_Accepted_OtherUrlRefused(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: Settings);
        const string key = "square-signature-key-Ab12";
        var (sourceId, _) = await CreateSourceAsync(world, "square", "square", key);
        var path = $"/api/v1/webhook/{world.Slug}/{sourceId}";
        var reached = new Uri(world.Connect.Service.Client.BaseAddress!, path).AbsoluteUri;
        var payment = File.ReadAllBytes(Fixtures.Path("square/payment.updated.json"));
        var refund = File.ReadAllBytes(Fixtures.Path("square/refund.updated.json"));

        using var viaProxy = await world.Connect.Service.Client.SendAsync(Square(path, payment, Sign(PublicBase + path, payment)));
        using var direct = await world.Connect.Service.Client.SendAsync(Square(path, refund, Sign(reached, refund)));
        using var wrongUrl = await world.Connect.Service.Client.SendAsync(Square(path, payment, Sign(PublicBase + path + "/", payment)));

        Assert.Equal(HttpStatusCode.Accepted, viaProxy.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUrl.StatusCode);
        Assert.Equal(2, await StoredAsync(world));

        static string Sign(string url, byte[] body) => Convert.ToBase64String(Hmac.Sha256(key, url, body));
    }

    [Theory, BothDatabases]
    public async Task PayPal_SignedWithPayPalsCertificate_Accepted_OtherWebhookIdOrHostRefused(DatabaseKind kind)
    {
        const string certUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-ingest";
        const string webhookId = "8PT597110X687430LKGECATA";
        var now = DateTimeOffset.UtcNow;
        using var certificate = PayPalCerts.Create("messageverificationcerts.sandbox.paypal.com", now.AddDays(-1));
        var server = new PayPalCerts.Server(new Dictionary<string, string> { [certUrl] = PayPalCerts.Pem(certificate) });
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: Settings,
            overrides: services => services.AddHttpClient(PayPalCertificates.ClientName).ConfigurePrimaryHttpMessageHandler(() => server));
        var (sourceId, _) = await CreateSourceAsync(world, "paypal", "paypal", webhookId);
        var body = File.ReadAllBytes(Fixtures.Path("paypal/PAYMENT.CAPTURE.COMPLETED.json"));

        using var signed = await world.Connect.Service.Client.SendAsync(PayPal(world, sourceId, body, PayPalCerts.Headers(certificate, certUrl, webhookId, body, now)));
        using var otherWebhook = await world.Connect.Service.Client.SendAsync(PayPal(world, sourceId, body, PayPalCerts.Headers(certificate, certUrl, "0FV983392A0531201", body, now)));
        using var otherHost = await world.Connect.Service.Client.SendAsync(PayPal(world, sourceId, body,
            PayPalCerts.Headers(certificate, "https://paypal.example.test/cert", webhookId, body, now)));

        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherWebhook.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherHost.StatusCode);
        Assert.Contains("paypal.com", (await otherHost.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.TotalRequests);
        Assert.Equal(1, await StoredAsync(world));
    }

    [Theory, BothDatabases]
    public async Task PayPalScheme_WithoutWebhookId_NamesTheField(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: Settings);

        using var created = await world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources",
            new { name = "paypal", sourceType = "paypal", signatureScheme = "paypal" });
        var problem = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("Webhook ID", problem.GetProperty("errors").GetProperty("signingSecret")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<(string SourceId, string? GeneratedSecret)> CreateSourceAsync(PipelineWorld world, string type, string scheme, string? secret)
    {
        using var created = await world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources",
            new { name = type + " shop", sourceType = type, signatureScheme = scheme, signingSecret = secret });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var data = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return (data.GetProperty("sourceId").GetString()!,
            data.TryGetProperty("generatedSigningSecret", out var generated) && generated.ValueKind == JsonValueKind.String ? generated.GetString() : null);
    }

    private static async Task<long> StoredAsync(PipelineWorld world) =>
        (await world.Services.GetRequiredService<WebhookStore>().ListPayloadsAsync(world.Organization.OrganizationId, new PayloadFilter(), new PageRequest(), default)).Total;

    /// <summary>What WooCommerce posts when a webhook is saved: a form body, no signature, no X-WC headers.</summary>
    private static HttpRequestMessage Ping(PipelineWorld world, string sourceId) =>
        new(HttpMethod.Post, $"/api/v1/webhook/{world.Slug}/{sourceId}")
        {
            Content = new StringContent("webhook_id=7", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };

    private static HttpRequestMessage WooCommerce(PipelineWorld world, string sourceId, byte[] body, string signature)
    {
        var request = Json($"/api/v1/webhook/{world.Slug}/{sourceId}", body);
        request.Headers.Add("X-WC-Webhook-Signature", signature);
        request.Headers.Add("X-WC-Webhook-Topic", "order.created");
        request.Headers.Add("X-WC-Webhook-Source", "https://shop.example.test/");
        request.Headers.Add("X-WC-Webhook-Delivery-ID", Guid.NewGuid().ToString("N"));
        return request;
    }

    private static HttpRequestMessage Square(string path, byte[] body, string signature)
    {
        var request = Json(path, body);
        request.Headers.Add("x-square-hmacsha256-signature", signature);
        return request;
    }

    private static HttpRequestMessage PayPal(PipelineWorld world, string sourceId, byte[] body, HeaderDictionary headers)
    {
        var request = Json($"/api/v1/webhook/{world.Slug}/{sourceId}", body);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value.ToString());
        }

        return request;
    }

    private static HttpRequestMessage Json(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        return request;
    }
}
