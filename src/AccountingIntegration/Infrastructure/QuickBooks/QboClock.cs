using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// QBO's clock against ours, per company, as QBO's answers tell it: every JSON answer carries a top-level <c>time</c>, the
/// server's time as it answered (REFERENCE §2.2). A fingerprint look-up needs the earliest <c>MetaData.CreateTime</c> a
/// document it looks for can carry, in QBO's clock; without a reading it must allow a wide skew, and a company that
/// creates many documents for one customer then reads many pages for a document that was never written.
/// </summary>
internal sealed class QboClock(TimeProvider time)
{
    /// <summary>How far QBO's clock may be from ours when no answer from the company has been read lately.</summary>
    public static readonly TimeSpan UnmeasuredSkew = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Taken off a measured bound: CreateTime has whole seconds, and the server that stamps a document need not be the one
    /// that answered. A minute is far beyond what two clocks kept by NTP drift apart.
    /// </summary>
    public static readonly TimeSpan MeasuredMargin = TimeSpan.FromMinutes(1);

    /// <summary>A reading older than this is not used: the two clocks drift.</summary>
    public static readonly TimeSpan ReadingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far our wall clock may have moved against the monotonic one since a reading before the reading is not used: a
    /// clock stepped forward would otherwise open the window too late.
    /// </summary>
    private static readonly TimeSpan StepTolerance = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Reading> _readings = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the <c>time</c> of an answer just received from <paramref name="realmId"/>. QBO's clock stood at that time
    /// when the answer left, no later than now by ours, so QBO's clock is at least (that time − now) ahead of ours.
    /// Anything but an ISO timestamp (gateway error bodies carry epoch milliseconds) is ignored.
    /// </summary>
    public void Observe(string realmId, JsonNode? stamp)
    {
        if (stamp is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var qboTime))
        {
            var now = time.GetUtcNow();
            _readings[realmId] = new Reading(qboTime - now, now, time.GetTimestamp());
        }
    }

    /// <summary>
    /// The earliest CreateTime (UTC) a document can carry when this process sent its create at <paramref name="sentAt"/>
    /// (our clock) to <paramref name="realmId"/>: QBO wrote it no earlier than that, and its clock runs at least the
    /// measured lead ahead of ours. Without a recent reading, the wide allowance.
    /// </summary>
    public DateTime EarliestCreateTime(string realmId, DateTime sentAt)
    {
        var sent = DateTime.SpecifyKind(sentAt, DateTimeKind.Utc);
        return _readings.TryGetValue(realmId, out var reading) && StillHolds(reading)
            ? sent + reading.QboLead - MeasuredMargin
            : Unmeasured(sent);
    }

    /// <summary>
    /// The earliest CreateTime for a time recorded elsewhere (a payload's arrival, a batch stored by any instance): another
    /// process's clock, which no reading of ours measures.
    /// </summary>
    public static DateTime Unmeasured(DateTime notBefore) => DateTime.SpecifyKind(notBefore, DateTimeKind.Utc) - UnmeasuredSkew;

    /// <summary>Recent, and our wall clock has kept pace with the monotonic one since: not stepped.</summary>
    private bool StillHolds(Reading reading)
    {
        var elapsed = time.GetElapsedTime(reading.Timestamp);
        return elapsed <= ReadingLifetime && (time.GetUtcNow() - reading.At - elapsed).Duration() <= StepTolerance;
    }

    /// <param name="QboLead">A lower bound of QBO's time minus ours.</param>
    /// <param name="At">When it was read, by our wall clock.</param>
    /// <param name="Timestamp">When it was read, by the monotonic clock.</param>
    private sealed record Reading(TimeSpan QboLead, DateTimeOffset At, long Timestamp);
}
