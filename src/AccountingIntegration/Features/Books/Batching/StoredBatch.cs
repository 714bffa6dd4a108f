namespace AccountingIntegration.Features.Books.Batching;

/// <summary>A batch request as it was composed before it was sent (table <c>qbo_batches</c>).</summary>
internal sealed record StoredBatch
{
    public required string RequestId { get; init; }

    public required string OrganizationId { get; init; }

    public required string RealmId { get; init; }

    /// <summary><see cref="BatchStates"/>: sent, then settled once every item's outcome is known.</summary>
    public required string State { get; init; }

    /// <summary>The exact JSON body that went out; a re-send sends these bytes again.</summary>
    public required string Body { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// The earliest <c>MetaData.CreateTime</c> (UTC, QBO's clock) a document of this batch can carry, from the composing
    /// instance's reading of QBO's clock (<see cref="Infrastructure.QuickBooks.QboClock"/>): where any instance's look-up for
    /// its documents starts. Null on batches stored before it was kept.
    /// </summary>
    public DateTime? EarliestCreateTime { get; init; }

    public DateTime? SettledAt { get; init; }

    /// <summary>Where a look-up for this batch's documents starts: the kept bound, else its creation less the wide skew.</summary>
    public DateTime LookUpSince => EarliestCreateTime ?? Infrastructure.QuickBooks.QboClock.Unmeasured(CreatedAt);
}

/// <summary>One item of a stored batch (table <c>qbo_batch_items</c>).</summary>
internal sealed record StoredBatchItem
{
    public required string RequestId { get; init; }

    public required string Bid { get; init; }

    public required string Fingerprint { get; init; }

    public required string PayloadId { get; init; }

    public required string EntityType { get; init; }

    /// <summary><see cref="BatchItemOutcomes"/>, or null while the batch's answer is unknown.</summary>
    public string? Outcome { get; init; }

    /// <summary>The entity QBO created (or the one found by its fingerprint), or the item's Fault.</summary>
    public string? Response { get; init; }
}

internal static class BatchStates
{
    /// <summary>Stored and sent (or about to be); its answer is not known yet.</summary>
    public const string Sent = "sent";

    /// <summary>Every item's outcome is known: from QBO's answer, or found (or not) by fingerprint.</summary>
    public const string Settled = "settled";
}

internal static class BatchItemOutcomes
{
    /// <summary>QBO created the document; the response holds it.</summary>
    public const string Created = "created";

    /// <summary>QBO refused the item; the response holds its Fault.</summary>
    public const string Fault = "fault";

    /// <summary>The answer was lost and QBO has no document with the item's fingerprint: nothing was written for it.</summary>
    public const string Absent = "absent";

    /// <summary>
    /// Absent, then sent alone: what the batch wrote no longer says whether QBO has the document, since that create's answer
    /// may have been lost as well. A later attempt asks QBO.
    /// </summary>
    public const string Resent = "resent";
}
