namespace AccountingIntegration.Features.Webhooks;

/// <summary>A stored webhook: its state plus the raw JSON body exactly as received.</summary>
internal sealed record WebhookPayload : WebhookPayloadSummary
{
    public required string RawPayload { get; init; }
}
