namespace AccountingIntegration.Features.Books;

/// <summary>What booking a plan did: the documents (new or found already booked), and notes for the sync log.</summary>
internal sealed record BookingResult(IReadOnlyList<BookedDocument> Documents, IReadOnlyList<string> Notes)
{
    /// <summary>The document the payload is known by: the first one (the sale, the refund, the voided sale).</summary>
    public BookedDocument? Primary => Documents.Count > 0 ? Documents[0] : null;
}

/// <summary>One document of the plan: its role, QBO type and id, and whether this attempt created it or found it booked.</summary>
internal sealed record BookedDocument(string Role, string QboType, string QboId, decimal? TotalAmt, bool AlreadyBooked);
