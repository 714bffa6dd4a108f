using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books.Tests.Support;

namespace AccountingIntegration.Books.Tests.WooCommerce;

/// <summary>Delivers a body to the WooCommerce adapter the way WooCommerce does: the topic in X-WC-Webhook-Topic.</summary>
internal static class WooCommerceDelivery
{
    public static IVendorAdapter Adapter { get; } = VendorAdapters.For("woocommerce") ?? throw new InvalidOperationException("No WooCommerce adapter.");

    public static AdapterResult Deliver(string topic, JsonElement body)
    {
        var eventType = Adapter.EventType(new Dictionary<string, string> { ["X-WC-Webhook-Topic"] = topic }, body);
        Assert.Equal(topic, eventType);
        return Adapter.Read(eventType!, body);
    }

    public static SourceEvent Read(string topic, JsonElement body)
    {
        var result = Deliver(topic, body);
        Assert.Empty(result.Problems);
        return Assert.IsType<SourceEvent>(result.Event);
    }

    public static SourceEvent Read(string topic, JsonNode body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        return Read(topic, document.RootElement);
    }

    /// <summary>A fixture to change before delivering it.</summary>
    public static JsonNode Editable(string fixture) => JsonNode.Parse(File.ReadAllText(Fixtures.Path(fixture)))!;

    /// <summary>A decimal-text field of the fixture itself, read without the adapter's helpers.</summary>
    public static decimal Amount(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal Sum(JsonElement element, string array, string name) =>
        element.GetProperty(array).EnumerateArray().Sum(item => Amount(item, name));
}
