using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>What the webhook endpoint accepts and refuses; a refusal stores nothing.</summary>
public sealed class WebhookIngestTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly Dictionary<string, string> NoWorkers = new() { ["WORKER_CONCURRENCY"] = "0", ["WEBHOOK_MAX_BYTES"] = "4096" };

    [Theory, BothDatabases]
    public async Task Accept_ValidKey_StoresTheBodyByteExactAndAnswers202(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: NoWorkers);
        var body = """{"id":820982911946154508,"name":"Jo\u00e3o ☕","total":"10.00","nested":{"a":[1,2,{"b":null}]}}""";

        using var response = await world.SendAsync(body);
        var data = await PipelineWorld.DataAsync(response);
        var detail = (await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/payloads/{data.GetProperty("payloadId").GetString()}")).GetProperty("data");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("queued", data.GetProperty("status").GetString());
        Assert.False(data.GetProperty("duplicate").GetBoolean());
        Assert.Equal(body, detail.GetProperty("rawPayload").GetString());
        Assert.Equal("queued", detail.GetProperty("payload").GetProperty("status").GetString());
    }

    [Theory, BothDatabases]
    public async Task Accept_ManyConcurrentDeliveries_EachStoredOnceAndRepeatsAreDuplicates(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: NoWorkers);

        // 60 requests at once for 20 distinct deliveries: on SQLite they share group commits.
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var response = await world.SendAsync($$"""{"id":{{i % 20}}}""", idempotencyKey: $"delivery-{i % 20}");
            return (Key: i % 20, Status: response.StatusCode, Data: await PipelineWorld.DataAsync(response));
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        foreach (var group in responses.GroupBy(r => r.Key))
        {
            Assert.Single(group.Select(r => r.Data.GetProperty("payloadId").GetString()).Distinct());
            Assert.Equal(2, group.Count(r => r.Data.GetProperty("duplicate").GetBoolean()));
        }

        var stored = await world.Services.GetRequiredService<WebhookStore>().ListPayloadsAsync(world.Organization.OrganizationId, new PayloadFilter(), new PageRequest(), default);
        Assert.Equal(20, stored.Total);
    }

    [Theory, BothDatabases]
    public async Task Refusals_AnswerTheDocumentedErrorAndStoreNothing(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: NoWorkers);
        var (_, otherKey) = await world.Connect.CreateOrganizationAsync();
        var revokedKey = SecretTokens();
        var keys = world.Services.GetRequiredService<ApiKeyStore>();
        var revoked = await keys.CreateAsync(world.Organization.OrganizationId, null, "old", revokedKey[..12], Infrastructure.Security.SecretTokens.Hash(revokedKey), null, default);
        await keys.RevokeAsync(world.Organization.OrganizationId, revoked.KeyId, DateTime.UtcNow, default);
        var url = $"/api/v1/webhook/{world.Slug}";
        var deep = new string('[', 80) + new string(']', 80);

        await AssertRefusedAsync(Post(url, "{}", key: null), HttpStatusCode.Unauthorized, "API_KEY_REQUIRED");
        await AssertRefusedAsync(Post(url, "{}", key: otherKey), HttpStatusCode.NotFound, "ORG_NOT_FOUND");
        await AssertRefusedAsync(Post(url, "{}", key: revokedKey), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        await AssertRefusedAsync(Post(url, "{not json", key: world.ApiKey), HttpStatusCode.BadRequest, "INVALID_JSON");
        await AssertRefusedAsync(Post(url, "{}", key: world.ApiKey, contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertRefusedAsync(Post(url, "{\"x\":\"" + new string('a', 5000) + "\"}", key: world.ApiKey), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertRefusedAsync(Post(url, deep, key: world.ApiKey), HttpStatusCode.BadRequest, "PAYLOAD_TOO_DEEP");
        await AssertRefusedAsync(Post(url, "42", key: world.ApiKey), HttpStatusCode.BadRequest, "INVALID_PAYLOAD");
        await AssertRefusedAsync(Post(url + "?wait=99", "{}", key: world.ApiKey), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await AssertRefusedAsync(Post($"/api/v1/webhook/{world.Slug}/no-such-source", "{}", key: world.ApiKey), HttpStatusCode.NotFound, "SOURCE_NOT_FOUND");
        await AssertRefusedAsync(Post("/api/v1/webhook/no-such-org", "{}", key: world.ApiKey), HttpStatusCode.NotFound, "ORG_NOT_FOUND");

        var stored = await world.Services.GetRequiredService<WebhookStore>().ListPayloadsAsync(world.Organization.OrganizationId, new PayloadFilter(), new PageRequest(), default);
        Assert.Equal(0, stored.Total);

        HttpRequestMessage Post(string path, string content, string? key, string contentType = "application/json")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(content, Encoding.UTF8) };
            request.Content.Headers.ContentType = new(contentType);
            if (key is not null)
            {
                request.Headers.Add("X-API-Key", key);
            }

            return request;
        }

        async Task AssertRefusedAsync(HttpRequestMessage request, HttpStatusCode status, string code)
        {
            using (request)
            using (var response = await world.Connect.Service.Client.SendAsync(request))
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(status == response.StatusCode, $"{request.RequestUri}: expected {status}, got {response.StatusCode} {problem}");
                Assert.Equal(code, problem.GetProperty("code").GetString());
                Assert.False(problem.GetProperty("success").GetBoolean());
            }
        }
    }

    [Theory, BothDatabases]
    public async Task SignedSource_ValidSignatureAccepted_BadOrStaleRefused(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: NoWorkers);
        var secret = "sender-secret-" + Guid.NewGuid().ToString("N");
        using var created = await world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources",
            new { name = "billing", sourceType = "generic", signatureScheme = "hmac-sha256", signingSecret = secret });
        var source = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var sourceId = source.GetProperty("sourceId").GetString();
        var body = Encoding.UTF8.GetBytes("""{"id":"inv-1","total":"5.00"}""");
        var anonymous = world.Connect.Service.Client;

        using var good = await anonymous.SendAsync(Signed(HmacSha256SignatureVerifier.Sign(body, secret, DateTimeOffset.UtcNow)));
        using var wrong = await anonymous.SendAsync(Signed(HmacSha256SignatureVerifier.Sign(body, "another-secret-entirely", DateTimeOffset.UtcNow)));
        using var stale = await anonymous.SendAsync(Signed(HmacSha256SignatureVerifier.Sign(body, secret, DateTimeOffset.UtcNow.AddMinutes(-10))));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(source.GetProperty("hasSigningSecret").GetBoolean());
        Assert.DoesNotContain(secret, source.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("INVALID_SIGNATURE", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        var stored = await world.Services.GetRequiredService<WebhookStore>().ListPayloadsAsync(world.Organization.OrganizationId, new PayloadFilter(), new PageRequest(), default);
        Assert.Equal(1, stored.Total);

        HttpRequestMessage Signed(string signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{world.Slug}/{sourceId}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Webhook-Signature", signature);
            return request;
        }
    }

    [Theory, BothDatabases]
    public async Task StripeSource_VendorBodySignedLikeStripe_IsAcceptedAndDedupedByEventId(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: new Dictionary<string, string>(NoWorkers) { ["WEBHOOK_MAX_BYTES"] = "65536" });
        const string secret = "whsec_test_secret_for_ingest";
        using var created = await world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources",
            new { name = "stripe", sourceType = "stripe", signatureScheme = "stripe", signingSecret = secret });
        var sourceId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("sourceId").GetString();
        var body = File.ReadAllBytes(Fixtures.Path("stripe/invoice.paid.json"));

        var first = await PipelineWorld.DataAsync(await world.Connect.Service.Client.SendAsync(StripeRequest()));
        var second = await PipelineWorld.DataAsync(await world.Connect.Service.Client.SendAsync(StripeRequest()));

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("payloadId").GetString(), second.GetProperty("payloadId").GetString());

        HttpRequestMessage StripeRequest()
        {
            var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var signed = Encoding.UTF8.GetBytes($"{t}.").Concat(body).ToArray();
            var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{world.Slug}/{sourceId}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("Stripe-Signature", $"t={t},v1={v1}");
            return request;
        }
    }

    [Theory, BothDatabases]
    public async Task Sources_InvalidBody_NamesEachField(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: NoWorkers);

        using var response = await world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources",
            new { name = "", sourceType = "Has Spaces", signatureScheme = "md5", eventIdPath = new string('a', 300) });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "name", "sourceType", "signatureScheme", "eventIdPath" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Theory, BothDatabases]
    public async Task KeyBoundToASource_CannotPostToAnother(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: NoWorkers);
        var webhooks = world.Services.GetRequiredService<WebhookStore>();
        var other = await webhooks.CreateSourceAsync(world.Organization.OrganizationId, "other", "generic", "none", null, null, false, default);
        var boundKey = SecretTokens();
        await world.Services.GetRequiredService<ApiKeyStore>().CreateAsync(world.Organization.OrganizationId, world.Source.SourceId, "bound",
            boundKey[..12], Infrastructure.Security.SecretTokens.Hash(boundKey), null, default);
        using var client = world.Connect.ClientWithKey(boundKey);

        using var toOther = await client.PostAsync($"/api/v1/webhook/{world.Slug}/{other.SourceId}", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var toDefault = await client.PostAsync($"/api/v1/webhook/{world.Slug}", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, toOther.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, toDefault.StatusCode);
    }

    private static string SecretTokens() => Infrastructure.Security.SecretTokens.New(Infrastructure.Security.SecretTokens.ApiKeyPrefix);
}
