using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QboSandbox.Http;

/// <summary>Reads request bodies (JSON, or XML with Content-Type application/xml); malformed ones become QBO's 2010 fault rather than a 500.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        if (ResponseFormat.IsXmlContent(request))
        {
            return await ReadXmlAsync(request).ConfigureAwait(false);
        }

        JsonNode? node;
        try
        {
            var body = Decoded(request);
            await using var owned = ReferenceEquals(body, request.Body) ? null : body;
            node = await JsonNode.ParseAsync(body, SandboxJson.NodeOptions, cancellationToken: request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw QboException.InvalidProperty($"Property Name:Unable to decompress request body: {ex.Message} specified is unsupported or invalid");
        }
        catch (JsonException ex)
        {
            throw QboException.InvalidProperty($"Property Name:Unable to parse request body: {ex.Message} specified is unsupported or invalid");
        }

        return node as JsonObject
            ?? throw QboException.InvalidProperty("Property Name:Request body must be a JSON object specified is unsupported or invalid");
    }

    private static async Task<JsonObject> ReadXmlAsync(HttpRequest request)
    {
        try
        {
            var body = Decoded(request);
            await using var owned = ReferenceEquals(body, request.Body) ? null : body;
            return await IntuitXmlReader.ReadAsync(body, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw QboException.InvalidProperty($"Property Name:Unable to decompress request body: {ex.Message} specified is unsupported or invalid");
        }
    }

    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(Decoded(request), Encoding.UTF8, leaveOpen: false);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The body, un-gzipped when Content-Encoding says gzip (or deflate): Intuit's .NET SDK compresses
    /// requests by default (its RequestCompressor, GZip unless configured otherwise).
    /// </summary>
    public static Stream Decoded(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        return encoding.ToLowerInvariant() switch
        {
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => request.Body,
        };
    }
}
