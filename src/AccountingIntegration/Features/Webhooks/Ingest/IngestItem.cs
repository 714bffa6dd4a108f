using AccountingIntegration.Features.Usage;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// One payload for <see cref="PayloadWriter"/>, with the usage row of the request that delivered it: stored in the
/// same commit, and marked recorded on <paramref name="Recording"/> once committed. Null when the usage
/// middleware records the request itself (its status is not known yet, as with <c>?wait</c>).
/// </summary>
internal sealed record IngestItem(NewPayload Payload, ApiUsageEntry? Usage = null, UsageRecording? Recording = null);
