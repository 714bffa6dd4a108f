namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>What one instance asks of a company's shared budget.</summary>
/// <param name="RealmId">The company.</param>
/// <param name="Requests">Permits wanted now (callers waiting, at most a block).</param>
/// <param name="Batches">How many of those are batch requests, which also count against the batch window.</param>
/// <param name="InFlight">This instance's requests to the company that have not answered yet.</param>
/// <param name="Wanted">Concurrent slots this instance could use: in flight plus waiting.</param>
internal sealed record RealmBudgetRequest(string RealmId, int Requests, int Batches, int InFlight, int Wanted);
