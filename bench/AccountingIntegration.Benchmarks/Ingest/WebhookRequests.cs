using System.Net.Http.Headers;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>
/// A webhook POST of a Shopify order as a store platform relays it: JSON body, the organization's API key, an
/// Idempotency-Key, and the topic header Shopify sends with every delivery (the ingest reads the event type from it,
/// not from the body).
/// </summary>
internal static class WebhookRequests
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpRequestMessage Create(Uri url, string? apiKey, byte[] body, string idempotencyKey)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        return request;
    }
}
