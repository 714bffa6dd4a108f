using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books.Tests.Support;

namespace AccountingIntegration.Books.Tests.Square;

/// <summary>Delivers a body to the Square adapter; Square names the event in the body's <c>type</c>.</summary>
internal static class SquareDelivery
{
    public static IVendorAdapter Adapter { get; } = VendorAdapters.For("square") ?? throw new InvalidOperationException("No Square adapter.");

    public static AdapterResult Deliver(JsonElement body)
    {
        var eventType = Adapter.EventType(new Dictionary<string, string>(), body);
        Assert.NotNull(eventType);
        return Adapter.Read(eventType, body);
    }

    public static SourceEvent Read(JsonElement body)
    {
        var result = Deliver(body);
        Assert.Empty(result.Problems);
        return Assert.IsType<SourceEvent>(result.Event);
    }

    public static SourceEvent Read(JsonNode body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        return Read(document.RootElement);
    }

    public static JsonNode Editable(string fixture) => JsonNode.Parse(File.ReadAllText(Fixtures.Path(fixture)))!;

    /// <summary>A Square Money object of the fixture, in major units (USD cents / 100), computed here.</summary>
    public static decimal Dollars(JsonElement money) => money.GetProperty("amount").GetInt64() / 100m;
}
