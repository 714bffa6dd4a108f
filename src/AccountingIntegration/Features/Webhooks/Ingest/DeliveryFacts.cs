namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// What the ingest reads from a delivery before storing it: its dedupe key and its event type. Most deliveries say
/// both in headers (an Idempotency-Key or Shopify's webhook id, a topic header); their body is then only checked, in
/// one pass of a reader that builds nothing. Otherwise the body is parsed once into a document both are read from.
/// Either way the body is checked first, so a delivery with a bad body and a bad dedupe header is refused for its body.
/// </summary>
internal static class DeliveryFacts
{
    public static (string? EventKey, string? EventType) Read(HttpRequest request, byte[] body, WebhookSource source, int maxDepth)
    {
        var headers = new HeaderView(request.Headers);
        var typeFromHeaders = EventTypeReader.TryFromHeaders(headers, source, out var eventType);
        if (typeFromHeaders && !DedupeKey.ReadsBody(request, source))
        {
            WebhookBody.Validate(body, maxDepth);
            return (DedupeKey.From(request, default, source), eventType);
        }

        using var document = WebhookBody.Parse(body, maxDepth);
        var root = document.RootElement;
        var eventKey = DedupeKey.From(request, root, source);
        return (eventKey, typeFromHeaders ? eventType : EventTypeReader.From(headers, root, source));
    }
}
