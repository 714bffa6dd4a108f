using AccountingIntegration.Features.Mapping.Admin;

namespace AccountingIntegration.Features.Webhooks.Sources;

/// <summary>The webhook feature's answer to <see cref="IReceivedPayloads"/>: its stored payloads, for the mapping preview.</summary>
internal sealed class ReceivedPayloads(WebhookStore webhooks) : IReceivedPayloads
{
    public async Task<ReceivedPayload?> FindAsync(string organizationId, string payloadId, CancellationToken cancellationToken) =>
        await webhooks.GetPayloadAsync(organizationId, payloadId, cancellationToken) is { } payload
            ? new ReceivedPayload(payload.SourceId, payload.RawPayload, payload.EventType)
            : null;
}
