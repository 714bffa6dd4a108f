namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>Per-request choices the QBO HTTP pipeline reads (<see cref="QuickBooksExtensions"/>).</summary>
internal static class QboRequestOptions
{
    /// <summary>
    /// Set on a create whose caller finds out itself whether an unanswered attempt was written: the pipeline then resends
    /// only what QBO certainly did not process (429), never after a lost answer, a time-out or a 5xx, because a blind
    /// resend duplicates the document once Intuit no longer remembers the requestid.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> CallerResolvesUncertainty = new("qbo.caller-resolves-uncertainty");
}
