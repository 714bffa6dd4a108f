using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Deliveries;

/// <summary>
/// A test delivery to a source, sent from the console: the body goes through the webhook endpoint's own
/// acceptance (<see cref="WebhookEndpoints.AcceptAsync"/>) for the signed-in operator, so it is checked,
/// queued and booked like a vendor's delivery. The vendor's topic header is set from the event field.
/// </summary>
public sealed class SendModel : ConsolePageModel
{
    private const int WaitSeconds = 10;

    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string SourceId { get; set; } = string.Empty;

    [BindProperty]
    public string? EventType { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public string OrganizationName { get; private set; } = string.Empty;

    public string SourceName { get; private set; } = string.Empty;

    public string SourceType { get; private set; } = string.Empty;

    internal SentDelivery? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is null)
        {
            return NotFound();
        }

        var latest = (await Get<WebhookStore>().ListPayloadsAsync(OrganizationId, new PayloadFilter { SourceId = SourceId }, new PageRequest(1, 1), HttpContext.RequestAborted)).Items;
        if (latest.Count > 0 && await Get<WebhookStore>().GetPayloadAsync(OrganizationId, latest[0].PayloadId, HttpContext.RequestAborted) is { } payload)
        {
            EventType = payload.EventType;
            Body = ConsoleJson.Pretty(payload.RawPayload);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } source)
        {
            return NotFound();
        }

        return await ChangeAsync(async () =>
        {
            var organization = (await Get<OrganizationStore>().GetByIdAsync(OrganizationId, HttpContext.RequestAborted))!;
            var bytes = Encoding.UTF8.GetBytes(Body ?? string.Empty);
            var request = Delivery(bytes, EventType).Request;
            var answer = await WebhookEndpoints.AcceptAsync(new WebhookSender(organization, source, null), bytes, request, WaitSeconds,
                Get<IngestDependencies>(), HttpContext.RequestAborted);
            Result = answer.Result switch
            {
                Ok<ApiResponse<WebhookResult>> ok => SentDelivery.From(ok.Value!.Data!),
                Accepted<ApiResponse<WebhookAccepted>> accepted => SentDelivery.From(accepted.Value!.Data!),
                _ => null,
            };
            await Get<AuditTrail>().RecordAsync(AuditActor.Operator(HttpContext), new AuditAction("webhook", "webhook.test_delivery_sent")
            {
                OrganizationId = OrganizationId,
                TargetType = "payload",
                TargetId = Result?.PayloadId,
                Details = new JsonObject { ["sourceId"] = SourceId, ["eventType"] = EventType },
            }, HttpContext.RequestAborted);
            return Page();
        });
    }

    private async Task<WebhookSource?> LoadAsync()
    {
        var organization = await Get<OrganizationStore>().GetByIdAsync(OrganizationId, HttpContext.RequestAborted);
        var source = organization is null ? null : await Get<WebhookStore>().GetSourceAsync(OrganizationId, SourceId, HttpContext.RequestAborted);
        if (organization is null || source is null)
        {
            return null;
        }

        OrganizationName = organization.Name;
        SourceName = source.Name;
        SourceType = source.SourceType;
        return source;
    }

    // A request as the vendor would send it, minus the signature: the body, JSON, a fresh idempotency key
    // (each test is its own event) and the topic header the vendors that name events only in headers use.
    private static DefaultHttpContext Delivery(byte[] body, string? eventType)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        http.Request.Headers["Idempotency-Key"] = "console-test-" + Guid.NewGuid().ToString("N");
        if (!string.IsNullOrWhiteSpace(eventType))
        {
            http.Request.Headers["X-Shopify-Topic"] = eventType.Trim();
            http.Request.Headers["X-WC-Webhook-Topic"] = eventType.Trim();
        }

        return http;
    }
}

/// <summary>What became of a test delivery, in words.</summary>
internal sealed record SentDelivery(string PayloadId, string Summary)
{
    public static SentDelivery From(WebhookResult result) => new(result.PayloadId, result switch
    {
        { Duplicate: true } => "This event was received before; nothing new was queued.",
        { Processed: true, InvoiceId: { } document } => $"Received and booked: QuickBooks document {document} ({result.Status}).",
        { Reason: { } reason } => $"Received; processing ended {result.Status}: {reason}",
        _ => $"Received; status {result.Status}.",
    });

    public static SentDelivery From(WebhookAccepted accepted) => new(accepted.PayloadId, accepted.Duplicate
        ? "This event was received before; nothing new was queued."
        : "Received and queued; it is still being processed. Open the payload to follow it.");
}
