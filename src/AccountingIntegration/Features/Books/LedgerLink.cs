namespace AccountingIntegration.Features.Books;

/// <summary>
/// A QBO document booked for a source object: the sale of a Stripe invoice, the refund re_… of a charge, the void of
/// a cancelled order. One row per name of the object (a sale is also found by its charge and payment intent) and role.
/// </summary>
internal sealed record LedgerLink
{
    public required string OrganizationId { get; init; }

    /// <summary>{vendor}:{kind}:{id}, e.g. stripe:charge:ch_123.</summary>
    public required string SourceKey { get; init; }

    /// <summary>sale, payment, refund:{id}, credit:{id}, application:{id}, void.</summary>
    public required string Role { get; init; }

    public required string QboType { get; init; }

    public required string QboId { get; init; }

    /// <summary>The document's SyncToken when the service last wrote it (QBO increments it on every change).</summary>
    public string? SyncToken { get; init; }

    public string? CustomerId { get; init; }

    /// <summary>The document's total as QBO computed it when the service last wrote it.</summary>
    public decimal Total { get; init; }

    /// <summary>
    /// The total the source stated when the service last wrote the document: QBO's <see cref="Total"/> may differ by its
    /// own tax rounding. Null on links written before it was kept, and on documents with no total of their own (a void).
    /// </summary>
    public decimal? StatedTotal { get; init; }

    public string? Currency { get; init; }

    /// <summary>Money was received for the sale (a sales receipt, or an invoice with its payment).</summary>
    public bool Paid { get; init; }

    /// <summary>booked, voided, drifted (edited in QBO), deleted (deleted in QBO).</summary>
    public string State { get; init; } = LedgerStates.Booked;

    public required string PayloadId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}

internal static class LedgerStates
{
    public const string Booked = "booked";
    public const string Voided = "voided";
    public const string Drifted = "drifted";
    public const string Deleted = "deleted";
}
