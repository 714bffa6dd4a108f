using System.Globalization;
using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using AccountingIntegration.Books.Vendors.PayPal;

namespace AccountingIntegration.Books.Tests.PayPal;

/// <summary>Reads PayPal bodies through the adapter, the way the service does, and PayPal's decimal text for expectations.</summary>
internal static class PayPalTestReading
{
    public static AdapterResult ReadResult(string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var document = JsonDocument.Parse(json);
        var body = document.RootElement.Clone();
        var adapter = new PayPalAdapter();
        return adapter.Read(adapter.EventType(headers ?? new Dictionary<string, string>(), body)!, body);
    }

    public static SourceEvent Read(string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        var result = ReadResult(json, headers);
        Assert.Empty(result.Problems);
        Assert.Equal("paypal", result.Event!.Vendor);
        return result.Event;
    }

    /// <summary>The fixture's text as published, for reading it and for variants of it.</summary>
    public static string Fixture(string name)
    {
        using var fixture = Fixtures.Load($"paypal/{name}");
        return fixture.RootElement.GetRawText();
    }

    public static JsonElement ResourceOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("resource").Clone();
    }

    /// <summary>Decimal text ("10.00", "-1.00") at a dotted path.</summary>
    public static decimal Amount(JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            element = element.GetProperty(name);
        }

        return decimal.Parse(element.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
    }

    public static string Text(JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            element = element.GetProperty(name);
        }

        return element.GetString()!;
    }
}
