namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>Where a company's budget is kept: the database shared by every instance, or memory for a bare client.</summary>
internal interface IRealmBudgetStore
{
    /// <summary>Takes what it may of <paramref name="request"/> atomically with respect to every other instance.</summary>
    Task<RealmGrant> ReserveAsync(RealmBudgetRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back permits of a grant that no request used (the callers gave up, or the permits lapsed): a request never
    /// sent must not hold up the company's next ones. Lowering a grant never lets the company exceed a limit, so no lock.
    /// </summary>
    Task ReturnAsync(string realmId, string grantId, int requests, int batches, CancellationToken cancellationToken);

    /// <summary>Gives back the concurrent slots above <paramref name="held"/> (this instance's requests still in flight).</summary>
    Task ReleaseAsync(string realmId, int held, CancellationToken cancellationToken);

    /// <summary>Gives back every slot this instance holds, as it stops: the others need not wait for its leases to run out.</summary>
    Task ReleaseAllAsync(CancellationToken cancellationToken);
}
