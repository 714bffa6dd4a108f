using Microsoft.Net.Http.Headers;

namespace QboSandbox.Http;

/// <summary>
/// JSON or XML, from the Accept header: QBO answers application/xml when asked (Intuit's SDKs can be configured for
/// either) and JSON for application/json. When Accept names neither the sandbox answers JSON, its long-standing
/// default, which the service and most SDKs (which ask for JSON) rely on.
/// </summary>
internal static class ResponseFormat
{
    public static bool WantsXml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        foreach (var media in accepted.OrderByDescending(m => m.Quality ?? 1.0))
        {
            if (IsJson(media))
            {
                return false;
            }

            if (IsXml(media))
            {
                return media.Quality is not 0;
            }
        }

        return false;
    }

    /// <summary>True for application/xml and text/xml request bodies.</summary>
    public static bool IsXmlContent(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && IsXml(media);

    private static bool IsJson(MediaTypeHeaderValue media) => media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsXml(MediaTypeHeaderValue media) =>
        media.MediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase);
}
