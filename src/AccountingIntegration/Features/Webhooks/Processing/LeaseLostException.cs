namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// An attempt ended after its payload stopped being its own: its lease ran out (renewals failed while the database was
/// away) and another worker claimed the payload, or already wrote its outcome. Nothing of the attempt is written, as if
/// its worker had crashed; the attempt that holds the payload writes the outcome, and finds in QBO by fingerprint any
/// document this one created (both send the same request id, so QBO made one).
/// </summary>
internal sealed class LeaseLostException(string payloadId)
    : Exception($"Payload {payloadId} is no longer this attempt's: another attempt holds it or wrote its outcome.")
{
    public string PayloadId { get; } = payloadId;
}
