namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// How much of a company's budget one reservation may take, given what all instances drew. Pure, so both stores decide
/// alike. Concurrent slots are split evenly among the instances that want some; an instance never records fewer slots
/// than it has requests in flight, so the slots of all instances together stay within the limit.
/// </summary>
internal static class RealmBudgetRules
{
    /// <summary>How soon to ask again when only other instances' slots stand in the way (they free them unseen).</summary>
    public static readonly TimeSpan SlotPoll = TimeSpan.FromMilliseconds(100);

    public static RealmGrant Decide(RealmBudgetLimits limits, RealmBudgetRequest request, RealmBudgetUse use, DateTimeOffset now)
    {
        var share = Math.Max(1, limits.Concurrent / (use.OthersWanting + 1));
        var free = limits.Concurrent - use.OthersHeld;
        var held = Math.Max(request.InFlight, Math.Min(request.Wanted, Math.Min(free, share)));

        var secondLeft = limits.PerSecond - use.RequestsInSecond;
        var minuteLeft = limits.PerMinute - use.RequestsInMinute;
        var batchLeft = limits.BatchesPerMinute - use.BatchesInMinute;
        var requests = Clamp(Math.Min(Math.Min(request.Requests, limits.MaxBlock), Math.Min(held - request.InFlight, Math.Min(secondLeft, minuteLeft))));
        var batches = Clamp(Math.Min(request.Batches, Math.Min(requests, batchLeft)));
        // A permit no waiting caller can use would lapse and still count: batch callers without batch permits take none.
        requests = Math.Min(requests, request.Requests - request.Batches + batches);

        var retryAt = RetryAt(limits, use, now, secondLeft, minuteLeft, request.Batches == request.Requests && batchLeft <= 0);
        // The oldest batch in the window, which is this grant's own when it took the first.
        var batchFreesAt = use.OldestBatch is { } oldest ? DateTimeOffset.FromUnixTimeMilliseconds(oldest) + limits.MinuteWindow
            : batches > 0 ? now + limits.MinuteWindow : now;
        return new RealmGrant(requests, batches, held, now + RealmBudgetLimits.GrantLifetime, retryAt, BatchesLeft: Clamp(batchLeft - batches), BatchFreesAt: batchFreesAt);
    }

    private static DateTimeOffset RetryAt(RealmBudgetLimits limits, RealmBudgetUse use, DateTimeOffset now, int secondLeft, int minuteLeft, bool batchesOnly)
    {
        // The earliest moment the full window lets its oldest grant go; other instances free their slots unseen, so poll for those.
        var at = now + SlotPoll;
        if (minuteLeft <= 0 && use.OldestInMinute is { } minute)
        {
            at = Later(at, DateTimeOffset.FromUnixTimeMilliseconds(minute) + limits.MinuteWindow);
        }
        else if (secondLeft <= 0 && use.OldestInSecond is { } second)
        {
            at = Later(at, DateTimeOffset.FromUnixTimeMilliseconds(second) + limits.SecondWindow);
        }
        else if (batchesOnly && use.OldestBatch is { } batch)
        {
            at = Later(at, DateTimeOffset.FromUnixTimeMilliseconds(batch) + limits.MinuteWindow);
        }

        return at;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static int Clamp(int value) => Math.Max(0, value);
}
