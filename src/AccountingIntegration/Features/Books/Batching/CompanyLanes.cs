using System.Collections.Concurrent;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>Each company's <see cref="CompanyLane"/> on this instance, by organization (one access token signs a batch).</summary>
internal sealed class CompanyLanes(BatchOptions options, TimeProvider time, QboRealmLimiter limiter)
{
    private readonly ConcurrentDictionary<string, CompanyLane> _lanes = new(StringComparer.Ordinal);

    public CompanyLane For(string organizationId) => _lanes.GetOrAdd(organizationId, _ => new CompanyLane(options, time, limiter.BatchLikelyFree));

    /// <summary>How many documents wait for their company's turn to be sent, all companies together.</summary>
    public int WaitingCount => _lanes.Values.Sum(lane => lane.WaitingCount);
}
