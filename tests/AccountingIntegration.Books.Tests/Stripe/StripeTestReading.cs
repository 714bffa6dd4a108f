using System.Text.Json;
using AccountingIntegration.Books.Vendors.Stripe;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>Reads an inline Stripe body through the adapter, the way the service does.</summary>
internal static class StripeTestReading
{
    public static AdapterResult ReadResult(string json)
    {
        using var document = JsonDocument.Parse(json);
        var body = document.RootElement.Clone();
        var adapter = new StripeAdapter();
        return adapter.Read(adapter.EventType(new Dictionary<string, string>(), body)!, body);
    }

    public static SourceEvent Read(string json)
    {
        var result = ReadResult(json);
        Assert.Empty(result.Problems);
        return result.Event!;
    }

    /// <summary>The body's data.object, for computing expectations from the body itself.</summary>
    public static JsonElement ObjectOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("data").GetProperty("object").Clone();
    }

    public static decimal Minor(JsonElement element, string property, decimal perMajor = 100m) => element.GetProperty(property).GetInt64() / perMajor;
}
