using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using AccountingIntegration.Books.Vendors.Paddle;

namespace AccountingIntegration.Books.Tests.Paddle;

/// <summary>Reads Paddle bodies through the adapter, the way the service does, and Paddle's minor-unit strings for expectations.</summary>
internal static class PaddleTestReading
{
    public static AdapterResult ReadResult(string json, string? asEventType = null)
    {
        using var document = JsonDocument.Parse(json);
        var body = document.RootElement.Clone();
        var adapter = new PaddleAdapter();
        return adapter.Read(asEventType ?? adapter.EventType(new Dictionary<string, string>(), body)!, body);
    }

    public static SourceEvent Read(string json, string? asEventType = null)
    {
        var result = ReadResult(json, asEventType);
        Assert.Empty(result.Problems);
        Assert.Equal("paddle", result.Event!.Vendor);
        return result.Event;
    }

    /// <summary>The fixture's text as published, for reading it and for variants of it.</summary>
    public static string Fixture(string name)
    {
        using var fixture = Fixtures.Load($"paddle/{name}");
        return fixture.RootElement.GetRawText();
    }

    public static JsonElement DataOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>A minor-unit string ("65215") at a dotted path, in major units of a two-decimal currency.</summary>
    public static decimal Minor(JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            element = element.GetProperty(name);
        }

        return long.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture) / 100m;
    }
}
