namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// The answer to a webhook: the payload's id and when it arrived. For a repeat of a known event
/// key these are the first payload's, with <paramref name="Duplicate"/> set and that payload's
/// <paramref name="Status"/> as it was read in the accepting transaction.
/// </summary>
internal sealed record PayloadAccepted(string PayloadId, DateTime ReceivedAt, bool Duplicate, string Status = PayloadStatus.Queued);
