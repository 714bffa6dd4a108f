using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// Reads a failed response into a <see cref="QboApiException"/>. QBO answers in three shapes
/// (REFERENCE §5.1, §11): the JSON <c>Fault</c>, the gateway's lower-case <c>fault</c>, and XML
/// <c>IntuitResponse</c> — often XML even when JSON was asked for.
/// </summary>
internal static class QboFaultReader
{
    public static async Task<QboApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (code, message, detail, element) = ParseJson(body) ?? ParseXml(body) ?? (null, response.ReasonPhrase ?? "HTTP " + status, null, null);
        return new QboApiException(new QboFault(KindOf(response.StatusCode), status, message)
        {
            Code = code,
            Detail = detail,
            Element = element,
            IntuitTid = TidOf(response),
            RetryAfter = RetryAfterOf(response),
        });
    }

    /// <summary>
    /// A batch item's own Fault (REFERENCE §7: HTTP 200, the fault inside the item), read like a response's: its type
    /// says the kind (ValidationFault is QBO refusing the document, SystemFault is QBO failing on it).
    /// </summary>
    public static QboApiException FromBatchItem(JsonObject fault)
    {
        var (code, message, detail, element) = ParseJson(new JsonObject { ["Fault"] = fault.DeepClone() }.ToJsonString())
                                               ?? (null, "QBO refused the batch item.", null, null);
        var (kind, status) = ((string?)fault["type"]) switch
        {
            "SystemFault" => (QboErrorKind.Server, 500),
            "AuthenticationFault" => (QboErrorKind.Authentication, 401),
            "AuthorizationFault" => (QboErrorKind.Authorization, 403),
            _ => (QboErrorKind.Validation, 400),
        };
        return new QboApiException(new QboFault(kind, status, message) { Code = code, Detail = detail, Element = element });
    }

    public static string? TidOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("intuit_tid", out var values) ? values.FirstOrDefault() : null;

    private static QboErrorKind KindOf(HttpStatusCode status) => (int)status switch
    {
        400 => QboErrorKind.Validation,
        401 => QboErrorKind.Authentication,
        403 => QboErrorKind.Authorization,
        404 => QboErrorKind.NotFound,
        408 => QboErrorKind.Network,
        429 => QboErrorKind.Throttled,
        >= 500 => QboErrorKind.Server,
        _ => QboErrorKind.Validation,
    };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private static (string?, string, string?, string?)? ParseJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fault = root.TryGetProperty("Fault", out var upper) ? upper : root.TryGetProperty("fault", out var lower) ? lower : default;
            if (fault.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var errors = fault.TryGetProperty("Error", out var e) ? e : fault.TryGetProperty("error", out var le) ? le : default;
            if (errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
            {
                return null;
            }

            var first = errors[0];
            return (Text(first, "code"), Text(first, "Message") ?? Text(first, "message") ?? "QBO returned a fault.", Text(first, "Detail") ?? Text(first, "detail"), Text(first, "element"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string?, string, string?, string?)? ParseXml(string body)
    {
        if (!body.TrimStart().StartsWith('<'))
        {
            return null;
        }

        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(x => x.Name.LocalName == "Error");
            if (error is null)
            {
                return null;
            }

            string? Child(string name) => error.Elements().FirstOrDefault(x => x.Name.LocalName == name)?.Value;
            return (error.Attribute("code")?.Value, Child("Message") ?? "QBO returned a fault.", Child("Detail"), error.Attribute("element")?.Value);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
