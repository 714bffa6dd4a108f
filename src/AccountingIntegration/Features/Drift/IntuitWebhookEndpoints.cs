using System.Text.Json;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// <c>POST /api/v1/intuit/webhooks</c>: the endpoint registered on the Intuit app's Webhooks page. Intuit signs each
/// notification with the app's verifier token; a valid one is acknowledged at once (Intuit retries anything slower than
/// 3 s or not 2xx) and its changes are checked for drift from a queue.
/// </summary>
internal static class IntuitWebhookEndpoints
{
    public const string NotConfiguredCode = "INTUIT_WEBHOOKS_NOT_CONFIGURED";
    public const string SignatureInvalidCode = "INTUIT_SIGNATURE_INVALID";
    public const string BodyInvalidCode = "INTUIT_NOTIFICATION_INVALID";

    /// <summary>Intuit's notifications are small: a realm's batch of entity ids.</summary>
    private const int MaxBytes = 1024 * 1024;

    public static void MapIntuitWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/intuit/webhooks", ReceiveAsync).WithName("ReceiveIntuitNotification").WithTags("Intuit").AllowAnonymous()
            // No API key or token: the intuit-signature header is the credential.
            .AcceptsCredentials(ApiCredentials.WebhookSignature)
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, BodyInvalidCode)
            .ProducesProblemCodes(StatusCodes.Status401Unauthorized, SignatureInvalidCode)
            .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, NotConfiguredCode);

    internal static async Task<Ok<ApiResponse<IntuitAcknowledged>>> ReceiveAsync(HttpRequest request, DriftOptions options, DriftQueue queue,
        CancellationToken cancellationToken)
    {
        if (options.VerifierToken is not { } token)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, NotConfiguredCode,
                "Intuit notifications are not set up: set QBO_WEBHOOK_VERIFIER_TOKEN to the app's verifier token.");
        }

        var body = await WebhookBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (!IntuitSignature.IsValid(body, request.Headers[IntuitSignature.Header].ToString(), token))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, SignatureInvalidCode, "The intuit-signature header does not sign this body with the app's verifier token.");
        }

        IReadOnlyList<IntuitNotice>? notices;
        string? problem;
        try
        {
            using var document = JsonDocument.Parse(body);
            notices = IntuitNotifications.Parse(document.RootElement, out problem);
        }
        catch (JsonException)
        {
            (notices, problem) = (null, "the body is not JSON");
        }

        if (notices is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, BodyInvalidCode, $"Not an Intuit notification: {problem}.");
        }

        queue.Enqueue(notices);
        return TypedResults.Ok(ApiResponse.Of(new IntuitAcknowledged(notices.Count)));
    }
}

/// <summary>How many entity changes the notification carried; they are checked for drift right after.</summary>
internal sealed record IntuitAcknowledged(int Changes);
