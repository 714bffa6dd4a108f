using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// One operation of the OpenAPI document the service serves, read from the running service rather than
/// listed in a test, so a route added later is covered by every test that walks the document.
/// </summary>
internal sealed partial record ServedOperation(string Method, string Path, JsonObject Operation, JsonObject Document)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>The operation as the document names it: <c>GET /api/v1/org/{slug}/status</c>.</summary>
    public string Name => $"{Method} {Path}";

    public static async Task<IReadOnlyList<ServedOperation>> ReadAsync(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        return [.. document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => Methods.Contains(o.Key))
                .Select(o => new ServedOperation(o.Key.ToUpperInvariant(), p.Key, o.Value!.AsObject(), document)))];
    }

    /// <summary>The parameters declared in one place (<c>path</c>, <c>query</c>, <c>header</c>).</summary>
    public IReadOnlyList<JsonObject> Parameters(string location) =>
        [.. (Operation["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).Where(p => (string?)p["in"] == location)];

    /// <summary>The JSON request body's schema with references resolved, or null when the operation takes no JSON body.</summary>
    public JsonObject? BodySchema => Resolve(Operation["requestBody"]?["content"]?["application/json"]?["schema"]);

    /// <summary>Follows a <c>$ref</c> to its component schema; anything else is returned as it is.</summary>
    public JsonObject? Resolve(JsonNode? schema) =>
        schema?["$ref"] is JsonValue reference
            ? Document["components"]?["schemas"]?[((string)reference!).Split('/')[^1]]?.AsObject()
            : schema as JsonObject;

    /// <summary>The path with each <c>{parameter}</c> replaced by what <paramref name="segment"/> gives for its name, used as is.</summary>
    public static string Fill(string path, Func<string, string> segment) =>
        PathParameter().Replace(path, m => segment(m.Groups[1].Value));

    /// <summary>The names of the path's template parameters, in order.</summary>
    public static IReadOnlyList<string> PathParameters(string path) =>
        [.. PathParameter().Matches(path).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex PathParameter();
}
