namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// The payloads a source received, as the mapping preview reads them. The webhook feature keeps them and answers this
/// (it depends on the mapping, not the other way round).
/// </summary>
internal interface IReceivedPayloads
{
    /// <summary>The organization's payload <paramref name="payloadId"/>, while retention keeps its body; null otherwise.</summary>
    Task<ReceivedPayload?> FindAsync(string organizationId, string payloadId, CancellationToken cancellationToken);
}

/// <summary>A received payload: its source, its body as received, and the event it was read as on arrival.</summary>
internal sealed record ReceivedPayload(string SourceId, string Body, string? EventType);
