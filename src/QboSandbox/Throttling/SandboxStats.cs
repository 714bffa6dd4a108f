namespace QboSandbox.Throttling;

/// <summary>Traffic seen by the Accounting API; pipeline tests assert QBO's limits were never exceeded.</summary>
public sealed record SandboxStats(
    long TotalRequests, long OAuthRequests, long Throttled, int MaxConcurrency, IReadOnlyList<RealmStats> Realms);

/// <summary>
/// One realm's traffic. Peaks count every arrival against the accepted requests already in the window,
/// so a peak above a limit means the client sent more than QBO allows.
/// </summary>
public sealed record RealmStats(
    string RealmId,
    long Requests,
    long Throttled,
    int MaxConcurrency,
    int InFlight,
    int PeakRequestsPerSecond,
    int PeakRequestsPerMinute,
    int PeakBatchRequestsPerMinute);
