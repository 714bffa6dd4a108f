namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// What every instance together has drawn from a company's budget, as a store reads it. Times are Unix milliseconds.
/// </summary>
/// <param name="RequestsInSecond">Permits granted within the second window.</param>
/// <param name="RequestsInMinute">Permits granted within the minute window.</param>
/// <param name="BatchesInMinute">Batch permits granted within the minute window.</param>
/// <param name="OldestInSecond">When the oldest grant still in the second window was made.</param>
/// <param name="OldestInMinute">When the oldest grant still in the minute window was made.</param>
/// <param name="OldestBatch">When the oldest grant with batches still in the minute window was made.</param>
/// <param name="OthersHeld">Concurrent slots other live instances hold.</param>
/// <param name="OthersWanting">Other live instances that hold or want slots.</param>
internal sealed record RealmBudgetUse(
    int RequestsInSecond, int RequestsInMinute, int BatchesInMinute, long? OldestInSecond, long? OldestInMinute, long? OldestBatch, int OthersHeld, int OthersWanting);
