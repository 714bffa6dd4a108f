using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>JSON as the console shows it to people.</summary>
internal static class ConsoleJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A stored body indented for reading; a body that is not JSON is shown as it came.</summary>
    public static string Pretty(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
