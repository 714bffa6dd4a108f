namespace AccountingIntegration.Features.Books;

/// <summary>
/// Whether an earlier attempt created the document is not known: QBO holds more documents in the look-up's window than
/// it reads. The document is not sent again (that could book it twice); the payload is retried, when the window may be
/// read whole or the earlier create's answer settled another way.
/// </summary>
internal sealed class FingerprintUnsettledException(string entityType, int documentsRead)
    : Exception($"Whether an earlier attempt already created this {entityType} is not known yet: QBO holds more than the {documentsRead} documents one look-up reads. " +
        "It is not sent again, so it cannot be booked twice; the payload is tried again later.")
{
    public const string Code = "FINGERPRINT_UNSETTLED";
}
