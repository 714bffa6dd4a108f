using System.Text.Json;
using System.Text.Json.Nodes;

namespace QboSandbox.Http;

/// <summary>
/// A finished response: status, content type and exact bytes. Keeping the bytes lets a repeated
/// requestid replay the first response byte for byte (REFERENCE §2.4).
/// </summary>
internal sealed class RawJsonResult(int statusCode, byte[] body, string contentType) : IResult, IStatusCodeHttpResult
{
    public const string QboContentType = "application/json;charset=UTF-8";

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public byte[] Body { get; } = body;

    public string ContentType { get; } = contentType;

    public static RawJsonResult Qbo(int statusCode, JsonNode body) =>
        new(statusCode, SandboxJson.ToBytes(body), QboContentType);

    public static RawJsonResult Control<T>(int statusCode, T body) =>
        new(statusCode, JsonSerializer.SerializeToUtf8Bytes(body, SandboxJson.Control), "application/json; charset=utf-8");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        await response.Body.WriteAsync(Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
