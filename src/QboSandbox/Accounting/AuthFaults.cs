using System.Text.Json.Nodes;
using QboSandbox.Http;

namespace QboSandbox.Accounting;

/// <summary>
/// 401/403 bodies. QBO answers expired or bad tokens either with an AuthenticationFault (code 100) or
/// with the gateway's lower-case JSON (code 3200, epoch-ms time); <see cref="SandboxOptions.AuthFailureStyle"/> picks.
/// </summary>
internal static class AuthFaults
{
    public static RawJsonResult Unauthenticated(SandboxOptions options, DateTimeOffset now) => options.AuthFailureStyle == AuthFailureStyle.Gateway
        ? RawJsonResult.Qbo(StatusCodes.Status401Unauthorized, Gateway(now))
        : RawJsonResult.Qbo(StatusCodes.Status401Unauthorized, QboFault.Body(QboFault.FaultObject(QboFault.Authentication, QboFault.Error(
            "100", "General Authentication Error", "AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401")), now));

    /// <summary>A valid token used on another company: 120 Authorization Failure, HTTP 401 (REFERENCE §5.3).</summary>
    public static RawJsonResult WrongCompany(DateTimeOffset now) =>
        RawJsonResult.Qbo(StatusCodes.Status401Unauthorized, QboFault.Body(QboFault.FaultObject(QboFault.Authorization, QboFault.Error(
            "120", "Authorization Failure", "AuthorizationFailure: The user does not have access to this company (-11014), statusCode: 401")), now));

    /// <summary>A token without the accounting scope: 403 code 3100 (REFERENCE §5.3).</summary>
    public static RawJsonResult MissingScope(DateTimeOffset now) =>
        RawJsonResult.Qbo(StatusCodes.Status403Forbidden, QboFault.Body(QboFault.FaultObject(QboFault.Authorization, QboFault.Error(
            "3100", "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", "")), now));

    private static JsonObject Gateway(DateTimeOffset now) => new()
    {
        ["warnings"] = null,
        ["intuitObject"] = null,
        ["fault"] = new JsonObject
        {
            ["error"] = new JsonArray(new JsonObject
            {
                ["message"] = "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                ["detail"] = "Token expired or invalid",
                ["code"] = "3200",
                ["element"] = null,
            }),
            ["type"] = "AUTHENTICATION",
        },
        ["report"] = null,
        ["queryResponse"] = null,
        ["batchItemResponse"] = new JsonArray(),
        ["attachableResponse"] = new JsonArray(),
        ["syncErrorResponse"] = null,
        ["requestId"] = null,
        ["time"] = now.ToUnixTimeMilliseconds(),
        ["status"] = null,
        ["cdcresponse"] = new JsonArray(),
    };
}
