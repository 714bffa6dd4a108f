using System.Diagnostics;
using System.Text;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// <c>POST /api/v1/webhook/{slug}[/{sourceId}]</c>: authenticate, check, store durably with its
/// queue entry, answer 202 — or, with <c>?wait=N</c> (≤ 30 s), the outcome once it is known.
/// </summary>
internal static class WebhookEndpoints
{
    public const int MaxWaitSeconds = 30;

    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/webhook").WithTags("Webhooks").DescribeWebhookIngest().CountRefusals().AnswerWooCommercePings();
        group.MapPost("/{slug}", (string slug, int? wait, HttpRequest request, IngestDependencies dependencies, CancellationToken cancellationToken) =>
            ReceiveAsync(slug, null, wait, request, dependencies, cancellationToken)).WithName("ReceiveWebhook");
        group.MapPost("/{slug}/{sourceId}", (string slug, string sourceId, int? wait, HttpRequest request, IngestDependencies dependencies, CancellationToken cancellationToken) =>
            ReceiveAsync(slug, sourceId, wait, request, dependencies, cancellationToken)).WithName("ReceiveWebhookForSource");
        return group;
    }

    internal static async Task<Results<Accepted<ApiResponse<WebhookAccepted>>, Ok<ApiResponse<WebhookResult>>>> ReceiveAsync(
        string slug, string? sourceId, int? wait, HttpRequest request, IngestDependencies d, CancellationToken cancellationToken)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            throw IngestErrors.BadWait();
        }

        var body = await WebhookBody.ReadAsync(request, d.Options.MaxBytes, cancellationToken);
        var sender = await d.Authentication.AuthenticateAsync(request, slug, sourceId, body, cancellationToken);
        return await AcceptAsync(sender, body, request, wait, d, cancellationToken);
    }

    /// <summary>
    /// Everything after authentication: check, store durably with its queue entry, answer. The console's
    /// test delivery enters here too, for an operator acting for the organization's source.
    /// </summary>
    internal static async Task<Results<Accepted<ApiResponse<WebhookAccepted>>, Ok<ApiResponse<WebhookResult>>>> AcceptAsync(
        WebhookSender sender, byte[] body, HttpRequest request, int? wait, IngestDependencies d, CancellationToken cancellationToken)
    {
        var (eventKey, eventType) = DeliveryFacts.Read(request, body, sender.Source, d.Options.MaxDepth);
        if (eventKey is { Length: > WebhookStore.MaxEventKeyLength })
        {
            throw IngestErrors.BadIdempotencyKey(WebhookStore.MaxEventKeyLength - "idem:".Length);
        }

        var payload = new NewPayload
        {
            OrganizationId = sender.Organization.OrganizationId,
            SourceId = sender.Source.SourceId,
            ApiKeyId = sender.ApiKeyId,
            EventKey = eventKey,
            EventType = eventType,
            RawPayload = Encoding.UTF8.GetString(body),
            // Kept with the queue entry, so each attempt that processes the payload continues this request's trace.
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent } ? traceParent : null,
        };
        var accepted = await d.Writer.WriteAsync(WithUsage(request.HttpContext, payload, wait), cancellationToken);
        d.Metrics.WebhookAccepted(accepted.Duplicate);
        Activity.Current?.SetTag(ServiceActivities.PayloadIdTag, accepted.PayloadId);
        if (!accepted.Duplicate)
        {
            d.Signal.Notify();
        }

        if (wait is > 0)
        {
            var result = await d.Waiter.WaitAsync(sender.Organization.OrganizationId, accepted.PayloadId, accepted.Duplicate, TimeSpan.FromSeconds(wait.Value), cancellationToken);
            if (result is not null)
            {
                return TypedResults.Ok(ApiResponse.Of(result));
            }
        }

        return TypedResults.Accepted($"/api/v1/org/{sender.Organization.Slug}/payloads/{accepted.PayloadId}",
            ApiResponse.Of(new WebhookAccepted(accepted.PayloadId, accepted.Status, accepted.Duplicate, accepted.ReceivedAt)));
    }

    /// <summary>
    /// Without <c>?wait</c> the answer is a 202 once the payload is committed, so the request's usage row is known
    /// now and goes into the same commit; with a wait the status depends on the outcome, and the usage middleware records it.
    /// </summary>
    private static IngestItem WithUsage(HttpContext http, NewPayload payload, int? wait) =>
        wait is not > 0 && UsageRecording.Of(http) is { } recording
            && recording.Entry(http, StatusCodes.Status202Accepted, payload.OrganizationId, payload.ApiKeyId) is { } entry
            ? new IngestItem(payload, entry, recording)
            : new IngestItem(payload);
}

/// <summary>What the webhook endpoint needs, bundled so the handler signature stays readable.</summary>
internal sealed record IngestDependencies(
    WebhookOptions Options,
    WebhookAuthentication Authentication,
    PayloadWriter Writer,
    WorkSignal Signal,
    OutcomeWaiter Waiter,
    ServiceMetrics Metrics);
