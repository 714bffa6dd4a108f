using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace QboSandbox.Http;

/// <summary>
/// The sandbox's own serializer settings. A host app may configure camelCase globally, so no response
/// ever goes through the host's JSON options: QBO bodies keep their PascalCase names as built.
/// </summary>
internal static class SandboxJson
{
    /// <summary>QBO and OAuth bodies: names exactly as written in the JsonObject, no policy.</summary>
    public static readonly JsonSerializerOptions Qbo = new()
    {
        PropertyNamingPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The control API speaks camelCase.</summary>
    public static readonly JsonSerializerOptions Control = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static byte[] ToBytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Qbo);
}
