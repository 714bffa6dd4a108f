using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QboSandbox.Http;

/// <summary>Reads request bodies; malformed JSON becomes QBO's 2010 fault rather than a 500.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, SandboxJson.NodeOptions, cancellationToken: request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw QboException.InvalidProperty($"Property Name:Unable to parse request body: {ex.Message} specified is unsupported or invalid");
        }

        return node as JsonObject
            ?? throw QboException.InvalidProperty("Property Name:Request body must be a JSON object specified is unsupported or invalid");
    }

    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
