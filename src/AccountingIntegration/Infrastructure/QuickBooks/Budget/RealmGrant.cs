namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>What a reservation gave one instance.</summary>
/// <param name="Requests">Permits to start requests now (within <see cref="RealmBudgetLimits.GrantLifetime"/>).</param>
/// <param name="Batches">How many of those may be batch requests.</param>
/// <param name="Held">Concurrent slots this instance now holds: its requests in flight may not exceed it.</param>
/// <param name="LapsesAt">When permits not used by then lapse (they still count in the windows).</param>
/// <param name="RetryAt">When asking again can give more, when this gave nothing.</param>
/// <param name="GrantId">The grant's record, through which permits left unused are given back; null when it gave nothing.</param>
/// <param name="BatchesLeft">Batch requests the company's minute window still had, across instances, after this grant.</param>
/// <param name="BatchFreesAt">When the oldest batch still counted leaves the minute window (a batch is free again then).</param>
internal sealed record RealmGrant(
    int Requests, int Batches, int Held, DateTimeOffset LapsesAt, DateTimeOffset RetryAt, string? GrantId = null, int BatchesLeft = int.MaxValue,
    DateTimeOffset? BatchFreesAt = null);
