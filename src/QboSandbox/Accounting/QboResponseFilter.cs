using System.Text.Json;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>
/// Outermost filter of the Accounting API, so it also sees throttle, injected-fault and auth answers: adds QBO's
/// response headers and, when the client asked for XML, renders IntuitResponse-shaped bodies as XML. It sits outside
/// the requestid filter, so a replayed response is stored once (as JSON) and rendered for each caller.
/// </summary>
internal static class QboResponseFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var time = http.RequestServices.GetRequiredService<SandboxState>().Time;
        var started = time.GetTimestamp();
        var result = await next(context).ConfigureAwait(false);
        QboResponseHeaders.Add(http.Response, time, time.GetElapsedTime(started));
        return result is RawJsonResult raw && ResponseFormat.WantsXml(http.Request) ? AsXml(raw) : result;
    }

    /// <summary>The same status with an XML body; bodies that are not an IntuitResponse (gateway 401s, empty bodies) stay as they are.</summary>
    private static RawJsonResult AsXml(RawJsonResult raw)
    {
        if (raw.Body.Length == 0 || raw.ContentType != RawJsonResult.QboContentType)
        {
            return raw;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(raw.Body);
        }
        catch (JsonException)
        {
            return raw;
        }

        return body is JsonObject response && IntuitXmlWriter.IsIntuitResponse(response)
            ? new RawJsonResult(raw.StatusCode, IntuitXmlWriter.Write(response), IntuitXmlWriter.ContentType)
            : raw;
    }
}
