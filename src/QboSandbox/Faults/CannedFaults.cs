using QboSandbox.Accounting;
using QboSandbox.Http;

namespace QboSandbox.Faults;

/// <summary>The response an injected fault sends: an exact status and body, or a named QBO fault.</summary>
internal static class CannedFaults
{
    public static RawJsonResult Build(FaultRuleRequest rule, SandboxOptions options, DateTimeOffset now)
    {
        if (rule.FaultType is { } type)
        {
            return Named(type, options, now) ?? throw new ArgumentException($"Unknown fault type {type}.", nameof(rule));
        }

        var status = rule.Status ?? StatusCodes.Status500InternalServerError;
        if (rule.Body is not null)
        {
            return RawJsonResult.Qbo(status, rule.Body.DeepClone());
        }

        return status switch
        {
            StatusCodes.Status429TooManyRequests => QboFault.Throttled(now),
            StatusCodes.Status401Unauthorized => AuthFaults.Unauthenticated(options, now),
            StatusCodes.Status503ServiceUnavailable => ServiceUnavailable(now),
            >= 500 => new RawJsonResult(status, QboFault.SystemError(now).Body, RawJsonResult.QboContentType),
            _ => new RawJsonResult(status, [], RawJsonResult.QboContentType),
        };
    }

    public static bool IsKnown(string type) => Named(type, new SandboxOptions(), DateTimeOffset.UnixEpoch) is not null;

    private static RawJsonResult? Named(string type, SandboxOptions options, DateTimeOffset now) => type.ToUpperInvariant() switch
    {
        "THROTTLEEXCEEDED" => QboFault.Throttled(now),
        "AUTHENTICATIONFAILED" => AuthFaults.Unauthenticated(options, now),
        "AUTHORIZATIONFAILED" => AuthFaults.MissingScope(now),
        "SYSTEMFAULT" => QboFault.SystemError(now),
        "SERVICEUNAVAILABLE" => ServiceUnavailable(now),
        "STALEOBJECT" => QboFault.Result(StatusCodes.Status400BadRequest, new QboException("5010", "Stale Object Error",
            "Stale Object Error : You and another user were working on the same thing. Please try again."), now),
        "VALIDATIONFAULT" => QboFault.Result(StatusCodes.Status400BadRequest,
            QboException.BusinessValidation("Injected business validation error."), now),
        _ => null,
    };

    private static RawJsonResult ServiceUnavailable(DateTimeOffset now) => RawJsonResult.Qbo(
        StatusCodes.Status503ServiceUnavailable,
        QboFault.Body(QboFault.FaultObject(QboFault.System, QboFault.Error(
            "503", "Service Unavailable", "The service is temporarily unavailable. Please try again later.")), now));
}
