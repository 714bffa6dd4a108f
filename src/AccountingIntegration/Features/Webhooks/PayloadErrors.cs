using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>The stable codes of the payload routes.</summary>
internal static class PayloadErrors
{
    public const string NotFoundCode = "PAYLOAD_NOT_FOUND";
    public const string NotReplayableCode = "PAYLOAD_NOT_REPLAYABLE";

    public static ApiException NotFound() => ApiException.NotFound(NotFoundCode, "Payload not found.");
}
