namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// One company's limits (REFERENCE §6) and the windows grants are counted in. A grant's requests start within
/// <see cref="GrantLifetime"/> of it and reach QBO up to the margin later (latency, clocks of other instances), so each
/// window is QBO's own plus both: any second of arrivals at QBO falls inside one counted window of grants.
/// </summary>
internal sealed record RealmBudgetLimits(int Concurrent, int PerSecond, int PerMinute, int BatchesPerMinute, TimeSpan Margin, TimeSpan ConcurrencyLease)
{
    /// <summary>How long a granted permit may wait for its request; after that it lapses (it still counts).</summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromMilliseconds(100);

    public TimeSpan SecondWindow => TimeSpan.FromSeconds(1) + GrantLifetime + Margin;

    public TimeSpan MinuteWindow => TimeSpan.FromMinutes(1) + GrantLifetime + Margin;

    /// <summary>Most permits one grant hands out: half a second's worth, so instances that both wait take turns within a second.</summary>
    public int MaxBlock => Math.Max(1, PerSecond / 2);

    public static RealmBudgetLimits From(QboOptions options) => new(
        options.MaxConcurrentPerRealm,
        options.RequestsPerSecondPerRealm,
        options.RequestsPerMinutePerRealm,
        options.BatchRequestsPerMinutePerRealm,
        options.LimitMargin,
        // An attempt ends within its time-out and gives its slot back; past that, a holder that stopped renewing died.
        options.RequestTimeout + TimeSpan.FromSeconds(5));
}
