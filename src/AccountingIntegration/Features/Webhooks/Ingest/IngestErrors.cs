using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>The refusals of the webhook endpoint, each with its stable code. Nothing is stored for any of them.</summary>
internal static class IngestErrors
{
    public const string InvalidJsonCode = "INVALID_JSON";
    public const string NotUtf8Code = "BODY_NOT_UTF8";
    public const string BadDedupeHeaderCode = "INVALID_IDEMPOTENCY_KEY";
    public const string TooDeepCode = "PAYLOAD_TOO_DEEP";
    public const string InvalidPayloadCode = "INVALID_PAYLOAD";
    public const string SourceNotFoundCode = "SOURCE_NOT_FOUND";
    public const string SourceNotAllowedCode = "SOURCE_NOT_ALLOWED";
    public const string InvalidSignatureCode = "INVALID_SIGNATURE";
    public const string CredentialRequiredCode = "API_KEY_REQUIRED";

    public static ApiException UnsupportedMediaType() =>
        new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the webhook body as JSON (Content-Type: application/json).");

    public static ApiException TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The body is larger than {maxBytes} bytes.");

    public static ApiException InvalidJson(string detail) =>
        new(StatusCodes.Status400BadRequest, InvalidJsonCode, "The body is not valid JSON.", new Dictionary<string, string[]> { ["body"] = [detail] });

    public static ApiException NotUtf8() =>
        new(StatusCodes.Status400BadRequest, NotUtf8Code, "The body is not valid UTF-8.", new Dictionary<string, string[]> { ["body"] = ["must be UTF-8"] });

    public static ApiException BadDedupeHeader(string header, string problem) =>
        new(StatusCodes.Status400BadRequest, BadDedupeHeaderCode, $"The {header} header is not usable as a dedupe key.",
            new Dictionary<string, string[]> { [header] = [problem] });

    public static ApiException TooDeep(int maxDepth) =>
        new(StatusCodes.Status400BadRequest, TooDeepCode, $"The JSON nests deeper than {maxDepth} levels.", new Dictionary<string, string[]> { ["body"] = [$"nesting above {maxDepth}"] });

    public static ApiException NotAnObject() =>
        new(StatusCodes.Status400BadRequest, InvalidPayloadCode, "The body must be a JSON object or array.", new Dictionary<string, string[]> { ["body"] = ["must be an object or an array"] });

    public static ApiException SourceNotFound() => ApiException.NotFound(SourceNotFoundCode, "Webhook source not found.");

    public static ApiException SourceNotAllowed() =>
        new(StatusCodes.Status403Forbidden, SourceNotAllowedCode, "This API key is bound to another source of the organization.");

    public static ApiException InvalidSignature(string message) =>
        new(StatusCodes.Status401Unauthorized, InvalidSignatureCode, message);

    public static ApiException CredentialRequired() =>
        new(StatusCodes.Status401Unauthorized, CredentialRequiredCode, "Send the organization's API key in X-API-Key, or sign the webhook with the source's signature scheme.");

    public static ApiException BadIdempotencyKey(int max) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The dedupe key is too long.",
            new Dictionary<string, string[]> { ["Idempotency-Key"] = [$"at most {max} characters"] });

    public static ApiException BadWait() =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "wait must be between 0 and 30 seconds.",
            new Dictionary<string, string[]> { ["wait"] = ["between 0 and 30"] });
}
