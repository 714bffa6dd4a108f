using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Http;

/// <summary>Fault bodies as QBO sends them (REFERENCE §5.1).</summary>
internal static class QboFault
{
    public const string Validation = "ValidationFault";
    public const string System = "SystemFault";
    public const string Authentication = "AuthenticationFault";
    public const string Authorization = "AuthorizationFault";

    // The throttle fault was observed as <Fault type="SERVICE"> (REFERENCE §6).
    public const string Service = "SERVICE";

    public static JsonObject Error(string code, string message, string detail, string? element = null) => new()
    {
        ["Message"] = message,
        ["Detail"] = detail,
        ["code"] = code,
        ["element"] = element ?? "",
    };

    public static JsonObject FaultObject(string type, params JsonObject[] errors) => new()
    {
        ["Error"] = new JsonArray([.. errors]),
        ["type"] = type,
    };

    public static JsonObject Body(JsonObject fault, DateTimeOffset now) => new()
    {
        ["Fault"] = fault,
        ["time"] = PacificTime.FormatTime(now),
    };

    public static RawJsonResult Result(int status, QboException error, DateTimeOffset now) =>
        RawJsonResult.Qbo(status, Body(error.ToFault(), now));

    public static RawJsonResult Throttled(DateTimeOffset now) => RawJsonResult.Qbo(
        StatusCodes.Status429TooManyRequests,
        Body(FaultObject(Service, Error(
            "3001",
            "message=ThrottleExceeded; errorCode=003001; statusCode=429",
            "The request limit was reached.  Try again later")), now));

    public static RawJsonResult SystemError(DateTimeOffset now) => RawJsonResult.Qbo(
        StatusCodes.Status500InternalServerError,
        Body(FaultObject(System, Error(
            "10000",
            "An application error has occurred while processing your request",
            "System Failure Error: An unexpected error occurred while accessing or saving your data.")), now));
}

/// <summary>A QBO error raised by validation or lookups, turned into a Fault body by the endpoint layer.</summary>
internal sealed class QboException(string code, string message, string detail, string? element = null, string type = QboFault.Validation)
    : Exception(message)
{
    public string Code { get; } = code;

    public string Detail { get; } = detail;

    public string? Element { get; } = element;

    public string FaultType { get; } = type;

    public JsonObject ToFault() => QboFault.FaultObject(FaultType, QboFault.Error(Code, Message, Detail, Element));

    public static QboException RequiredMissing(string element) => new(
        "2020", "Required param missing, need to supply the required value for the API",
        $"Required parameter {element} is missing in the request", element);

    public static QboException ObjectNotFound(string element) => new(
        "610", "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
        element);

    public static QboException LengthOutOfRange(string element, int max, int supplied) => new(
        "2050", "String length is either shorter or longer than supported by specification",
        $"String length specified does not match the supported length. Min:0 Max:{max} supplied length:{supplied}", element);

    public static QboException BusinessValidation(string detail, string? element = null) => new(
        "6000", "A business validation error has occurred while processing your request", detail, element);

    public static QboException DuplicateName(string who) => new(
        "6240", "Duplicate Name Exists Error",
        $"The name supplied already exists. : Another {who} is already using this name. Please use a different name.");

    public static QboException InvalidProperty(string detail) => new(
        "2010", "Request has invalid or unsupported property", detail);

    public static QboException UnsupportedOperation(string detail) => new(
        "500", "Unsupported Operation", detail);

    public static QboException QueryParse(string detail) => new(
        "4000", "Error parsing query", detail);
}
