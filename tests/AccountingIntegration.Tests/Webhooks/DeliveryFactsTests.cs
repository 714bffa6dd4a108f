using System.Text;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.Extensions.Primitives;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The dedupe key and event type read from the headers with the body only checked are those read from the parsed
/// body, and every refusal is the same, for every kind of source, header and body.
/// </summary>
public sealed class DeliveryFactsTests
{
    private const int MaxDepth = 64;

    private static readonly WebhookSource[] Sources =
    [
        Source("generic"),
        Source("generic", eventIdPath: "id"),
        Source("generic", eventTypePath: "type"),
        Source("generic", eventIdPath: "data.object.id", eventTypePath: "event_type"),
        Source("shopify"),
        Source("shopify", eventIdPath: "id"),
        Source("woocommerce"),
        Source("stripe"),
        Source("paypal"),
        Source("paddle"),
        Source("square"),
    ];

    private static readonly (string Name, StringValues Value)[][] HeaderSets =
    [
        [],
        [("Idempotency-Key", "delivery-1")],
        [("Idempotency-Key", "")],
        [("Idempotency-Key", "a,b")],
        [("Idempotency-Key", new StringValues(["a", "b"]))],
        [("Idempotency-Key", "bad\u0001key")],
        [("X-Shopify-Webhook-Id", "webhook-1")],
        [("X-Shopify-Webhook-Id", "w1,w2")],
        [("X-Shopify-Topic", "orders/create")],
        [("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", "webhook-1")],
        [("X-Shopify-Topic", "  "), ("Idempotency-Key", "delivery-1")],
        [("shopify-topic", "refunds/create"), ("Idempotency-Key", "delivery-1")],
        [("X-Shopify-Topic", new string('t', 150)), ("Idempotency-Key", "a,b")],
        [("X-WC-Webhook-Topic", "order.updated"), ("Idempotency-Key", "delivery-1")],
        [("X-WC-Webhook-Topic", "order.updated")],
    ];

    private static readonly string[] Bodies =
    [
        """{"id":"evt_1","event_id":"e-9","type":"invoice.paid","event_type":"PAYMENT.CAPTURE.COMPLETED","line_items":[],"data":{"object":{"id":"ch_1"}}}""",
        """{"id":7,"refund_line_items":[],"order":{}}""",
        """{}""",
        """[{"id":"x"}]""",
        """{"id":"evt_1"} trailing""",
        """{not json""",
        """42""",
        "",
        new string('[', 80) + new string(']', 80),
    ];

    [Fact]
    public void Read_EverySourceHeaderAndBody_SameOutcomeAsFromTheParsedBody()
    {
        var fromHeaders = 0;
        foreach (var source in Sources)
        {
            foreach (var headers in HeaderSets)
            {
                var request = Request(headers);
                if (EventTypeReader.TryFromHeaders(new HeaderView(request.Headers), source, out _) && !DedupeKey.ReadsBody(request, source))
                {
                    fromHeaders++;
                }

                foreach (var text in Bodies)
                {
                    var body = Encoding.UTF8.GetBytes(text);
                    var expected = Outcome(() => FromParsedBody(request, body, source));
                    var actual = Outcome(() => DeliveryFacts.Read(request, body, source, MaxDepth));
                    Assert.True(expected == actual,
                        $"{source.SourceType} (id path {source.EventIdPath}, type path {source.EventTypePath}), headers "
                        + $"[{string.Join("; ", headers.Select(h => $"{h.Name}: {h.Value}"))}], body {text}: expected {expected}, got {actual}");
                }
            }
        }

        // Both paths were taken, each many times.
        Assert.InRange(fromHeaders, 20, Sources.Length * HeaderSets.Length - 20);
    }

    [Fact]
    public void Read_BadBodyAndBadIdempotencyKey_RefusedForTheBodyWhenHeadersDecide()
    {
        var request = Request([("Idempotency-Key", "a,b"), ("X-Shopify-Topic", "orders/create")]);
        var source = Source("shopify");
        Assert.False(DedupeKey.ReadsBody(request, source));

        var refusal = Assert.Throws<ApiException>(() => DeliveryFacts.Read(request, "{not json"u8.ToArray(), source, MaxDepth));

        Assert.Equal(IngestErrors.InvalidJsonCode, refusal.Code);
    }

    [Theory]
    [InlineData("shopify", "Idempotency-Key", "X-Shopify-Topic", true, false)]
    [InlineData("shopify", "X-Shopify-Webhook-Id", "X-Shopify-Topic", true, false)]
    [InlineData("shopify", "Idempotency-Key", null, false, false)]
    [InlineData("woocommerce", "Idempotency-Key", "X-WC-Webhook-Topic", true, false)]
    [InlineData("woocommerce", null, "X-WC-Webhook-Topic", true, false)]
    [InlineData("stripe", "Idempotency-Key", null, false, false)]
    [InlineData("stripe", null, null, false, true)]
    [InlineData("stripe", "X-Shopify-Webhook-Id", null, false, false)]
    [InlineData("generic", null, null, true, false)]
    [InlineData("generic", "Idempotency-Key", null, true, false)]
    public void HeadersAlone_PerSourceAndHeader_SayWhetherTheBodyIsRead(string sourceType, string? keyHeader, string? topicHeader,
        bool typeFromHeaders, bool keyReadsBody)
    {
        var headers = new List<(string, StringValues)>();
        if (keyHeader is not null)
        {
            headers.Add((keyHeader, "key-1"));
        }

        if (topicHeader is not null)
        {
            headers.Add((topicHeader, "orders/create"));
        }

        var request = Request([.. headers]);
        var source = Source(sourceType);

        Assert.Equal(typeFromHeaders, EventTypeReader.TryFromHeaders(new HeaderView(request.Headers), source, out var eventType));
        Assert.Equal(topicHeader is null ? null : "orders/create", eventType);
        Assert.Equal(keyReadsBody, DedupeKey.ReadsBody(request, source));
    }

    [Fact]
    public void ReadsBody_EventIdPath_ReadsTheBodyUnlessAnIdempotencyKeyIsSent()
    {
        var source = Source("generic", eventIdPath: "id");

        Assert.True(DedupeKey.ReadsBody(Request([]), source));
        Assert.True(DedupeKey.ReadsBody(Request([("X-Shopify-Webhook-Id", "w1")]), source));
        Assert.False(DedupeKey.ReadsBody(Request([("Idempotency-Key", "k1")]), source));
        Assert.False(EventTypeReader.TryFromHeaders(new HeaderView(Request([]).Headers), Source("generic", eventTypePath: "type"), out _));
    }

    /// <summary>The dedupe key and event type as the endpoint read them before: always from the parsed document.</summary>
    private static (string? EventKey, string? EventType) FromParsedBody(HttpRequest request, byte[] body, WebhookSource source)
    {
        using var document = WebhookBody.Parse(body, MaxDepth);
        return (DedupeKey.From(request, document.RootElement, source), EventTypeReader.From(new HeaderView(request.Headers), document.RootElement, source));
    }

    private static string Outcome(Func<(string? EventKey, string? EventType)> read)
    {
        try
        {
            var (key, type) = read();
            return $"key {key ?? "(none)"}, type {type ?? "(none)"}";
        }
        catch (ApiException e)
        {
            return $"{e.Status} {e.Code}: {e.Message} {string.Join(",", e.Errors?.Select(x => $"{x.Key}={string.Join("|", x.Value)}") ?? [])}";
        }
    }

    private static HttpRequest Request((string Name, StringValues Value)[] headers)
    {
        var request = new DefaultHttpContext().Request;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        return request;
    }

    private static WebhookSource Source(string sourceType, string? eventIdPath = null, string? eventTypePath = null) => new()
    {
        SourceId = "src",
        OrganizationId = "org",
        Name = sourceType,
        SourceType = sourceType,
        SignatureScheme = "none",
        EventIdPath = eventIdPath,
        EventTypePath = eventTypePath,
    };
}
