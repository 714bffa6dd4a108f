using System.Text.Json;
using QboSandbox.Http;

namespace QboSandbox.Control;

/// <summary>Control API bodies: camelCase JSON read and written with the sandbox's own options.</summary>
internal static class ControlJson
{
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : new()
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return new T();
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, SandboxJson.Control, request.HttpContext.RequestAborted)
                .ConfigureAwait(false) ?? new T();
        }
        catch (JsonException ex)
        {
            throw new ControlException($"Invalid JSON body: {ex.Message}");
        }
    }

    public static IResult Ok<T>(T body) => RawJsonResult.Control(StatusCodes.Status200OK, body);

    public static IResult Created<T>(T body) => RawJsonResult.Control(StatusCodes.Status201Created, body);

    public static IResult Error(int status, string error, string? detail = null) =>
        RawJsonResult.Control(status, new ControlError(error, detail));
}

internal sealed record ControlError(string Error, string? Detail);

/// <summary>A bad control API request; answered 400 with {"error": …}.</summary>
internal sealed class ControlException(string message) : Exception(message);
