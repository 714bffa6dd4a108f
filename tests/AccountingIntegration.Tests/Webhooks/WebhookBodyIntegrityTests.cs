using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>A webhook is stored exactly as signed or not at all: no repaired bytes, no ambiguous dedupe keys.</summary>
public sealed class WebhookBodyIntegrityTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly Dictionary<string, string> NoWorkers = new() { ["WORKER_CONCURRENCY"] = "0" };

    [Theory, BothDatabases]
    public async Task Receive_BodyNotUtf8_Refused400AndNothingStored(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType: "generic", connect: false, settings: NoWorkers);
        // Valid JSON structure, but 0xE9 alone (Latin-1 "é") is not UTF-8.
        byte[] body = [.. "{\"name\":\"Jos"u8, 0xE9, .. "\"}"u8];

        using var request = Post(world, new ByteArrayContent(body));
        using var response = await world.Client.SendAsync(request);

        await AssertRefusedAsync(response, "BODY_NOT_UTF8", "body");
        await AssertNothingStoredAsync(world);
    }

    [Theory, BothDatabases]
    public async Task Receive_IdempotencyKeyTwiceOrWithControlCharacters_Refused400AndNothingStored(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType: "generic", connect: false, settings: NoWorkers);

        // HttpClient joins two values into one comma-separated line; two separate lines need a raw request.
        using var joined = Post(world, Json("""{"id":1}"""));
        joined.Headers.TryAddWithoutValidation("Idempotency-Key", ["delivery-1", "delivery-2"]);
        using var joinedResponse = await world.Client.SendAsync(joined);
        var twoLines = await RawPostAsync(world, "Idempotency-Key: delivery-1\r\nIdempotency-Key: delivery-2\r\n", """{"id":2}""");
        using var control = Post(world, Json("""{"id":3}"""));
        control.Headers.TryAddWithoutValidation("Idempotency-Key", "delivery\u0001-3");
        using var controlResponse = await world.Client.SendAsync(control);

        await AssertRefusedAsync(joinedResponse, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key");
        Assert.StartsWith("HTTP/1.1 400", twoLines);
        Assert.Contains("INVALID_IDEMPOTENCY_KEY", twoLines);
        await AssertRefusedAsync(controlResponse, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key");
        await AssertNothingStoredAsync(world);
    }

    [Theory, BothDatabases]
    public async Task Receive_Utf8BodyAndPlainKey_StoredByteExact(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType: "generic", connect: false, settings: NoWorkers);
        const string body = """{"name":"José ☕ 𝄞"}""";

        using var response = await world.SendAsync(body, idempotencyKey: "delivery-ok");
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString();
        var detail = (await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/payloads/{payloadId}")).GetProperty("data");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(body, detail.GetProperty("rawPayload").GetString());
    }

    private static HttpRequestMessage Post(PipelineWorld world, HttpContent content)
    {
        content.Headers.ContentType = new("application/json");
        return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{world.Slug}") { Content = content };
    }

    /// <summary>One HTTP/1.1 request written by hand, answered with the whole response text.</summary>
    private static async Task<string> RawPostAsync(PipelineWorld world, string extraHeaders, string body)
    {
        var address = world.Connect.Service.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST /api/v1/webhook/{world.Slug} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n"
                      + $"X-API-Key: {world.ApiKey}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
                      + extraHeaders + "\r\n" + body;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static StringContent Json(string body) => new(body);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {response.StatusCode} {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task AssertNothingStoredAsync(PipelineWorld world)
    {
        var stored = await world.Services.GetRequiredService<WebhookStore>().ListPayloadsAsync(world.Organization.OrganizationId, new PayloadFilter(), new PageRequest(), default);
        Assert.Equal(0, stored.Total);
    }
}
