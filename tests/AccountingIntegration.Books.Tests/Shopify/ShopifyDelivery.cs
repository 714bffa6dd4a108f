using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Books.Tests.Shopify;

/// <summary>Delivers a body to the Shopify adapter the way Shopify does: the topic in the X-Shopify-Topic header.</summary>
internal static class ShopifyDelivery
{
    public static IVendorAdapter Adapter { get; } = VendorAdapters.For("shopify") ?? throw new InvalidOperationException("No Shopify adapter.");

    public static AdapterResult Deliver(string topic, JsonElement body, string header = "X-Shopify-Topic")
    {
        var eventType = Adapter.EventType(new Dictionary<string, string> { [header] = topic }, body);
        Assert.Equal(topic, eventType);
        return Adapter.Read(eventType!, body);
    }

    /// <summary>The event read, failing the test when the adapter reported problems.</summary>
    public static SourceEvent Read(string topic, JsonElement body)
    {
        var result = Deliver(topic, body);
        Assert.Empty(result.Problems);
        return Assert.IsType<SourceEvent>(result.Event);
    }

    /// <summary>A decimal-text field of the fixture itself ("409.94"), read without the adapter's helpers.</summary>
    public static decimal Amount(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>An id exactly as the JSON writes it (18-digit ids stay exact).</summary>
    public static string Id(JsonElement element, string name = "id") => element.GetProperty(name).GetRawText().Trim('"');
}
