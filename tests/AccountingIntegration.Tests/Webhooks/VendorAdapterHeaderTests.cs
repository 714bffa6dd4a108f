using System.Text.Json;
using AccountingIntegration.Books;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The ingest reads a vendor delivery's event type without parsing its body when the adapter answers from the headers
/// alone; that is right only while every adapter that finds the event in a header prefers it to whatever the body says.
/// </summary>
public sealed class VendorAdapterHeaderTests
{
    private static readonly Dictionary<string, string>[] HeaderSets =
    [
        new(),
        new() { ["X-Shopify-Topic"] = "orders/cancelled" },
        new() { ["x-shopify-topic"] = "refunds/create" },
        new() { ["shopify-topic"] = "orders/create" },
        new() { ["X-WC-Webhook-Topic"] = "order.updated" },
        new() { ["X-Shopify-Topic"] = "orders/create", ["X-WC-Webhook-Topic"] = "order.created", ["Content-Type"] = "application/json" },
    ];

    [Fact]
    public void EventType_AnsweredFromHeadersAlone_IsTheAnswerWithEveryBody()
    {
        var bodies = Directory.EnumerateFiles(Fixtures.Path(""), "*.json", SearchOption.AllDirectories)
            .Select(File.ReadAllText).Concat(["{}", "[]", """{"type":"x","event_type":"y","line_items":[],"order":{}}"""])
            .Select(text => JsonDocument.Parse(text).RootElement.Clone()).ToList();
        var answeredFromHeaders = 0;

        foreach (var adapter in VendorAdapters.All)
        {
            foreach (var headers in HeaderSets)
            {
                if (adapter.EventType(headers, default) is not { } fromHeaders)
                {
                    continue;
                }

                answeredFromHeaders++;
                foreach (var body in bodies)
                {
                    Assert.Equal(fromHeaders, adapter.EventType(headers, body));
                }
            }
        }

        // Shopify's three header spellings (four sets) and WooCommerce's topic (two sets).
        Assert.Equal(6, answeredFromHeaders);
        Assert.True(bodies.Count > 20);
    }
}
