using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>
/// QBO's clock as its answers' <c>time</c> tells it: the earliest CreateTime a document sent at a given moment can carry,
/// measured when a recent answer was read, else the wide allowance.
/// </summary>
public sealed class QboClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WithoutAReading_TheWindowOpensFifteenMinutesEarlier()
    {
        var clock = new QboClock(new FakeTimeProvider(Now));

        Assert.Equal(Now.UtcDateTime.AddMinutes(-15), clock.EarliestCreateTime("1", Now.UtcDateTime));
        Assert.Equal(Now.UtcDateTime.AddMinutes(-15), QboClock.Unmeasured(Now.UtcDateTime));
    }

    [Theory]
    [InlineData("2026-12-04T02:00:00.000-08:00", -8 * 60)] // QBO's Pacific offset; 10:00 UTC, eight hours behind ours
    [InlineData("2026-12-04T10:10:00.5-08:00", 10)] // ten minutes and a half second ahead
    [InlineData("2026-12-04T18:00:00Z", 0)]
    public void AReading_MovesTheWindowByQbosLead_LessAMinute(string answerTime, int leadMinutes)
    {
        var clock = new QboClock(new FakeTimeProvider(Now));

        clock.Observe("1", JsonValue.Create(answerTime));
        var sentAt = Now.UtcDateTime.AddSeconds(20);

        var lead = DateTimeOffset.Parse(answerTime, System.Globalization.CultureInfo.InvariantCulture) - Now;
        Assert.Equal(leadMinutes, (int)Math.Floor(lead.TotalMinutes));
        Assert.Equal(sentAt + lead - TimeSpan.FromMinutes(1), clock.EarliestCreateTime("1", sentAt));
        Assert.Equal(sentAt.AddMinutes(-15), clock.EarliestCreateTime("2", sentAt));
    }

    [Fact]
    public void AReadingTenMinutesOld_IsNoLongerUsed()
    {
        var time = new FakeTimeProvider(Now);
        var clock = new QboClock(time);
        clock.Observe("1", JsonValue.Create("2026-12-04T18:05:00Z"));

        time.Advance(TimeSpan.FromMinutes(10));
        var measured = clock.EarliestCreateTime("1", time.GetUtcNow().UtcDateTime);
        time.Advance(TimeSpan.FromSeconds(1));
        var stale = clock.EarliestCreateTime("1", time.GetUtcNow().UtcDateTime);

        Assert.Equal(Now.UtcDateTime.AddMinutes(10 + 5 - 1), measured);
        Assert.Equal(Now.UtcDateTime.AddMinutes(10).AddSeconds(1).AddMinutes(-15), stale);
    }

    [Fact]
    public void OurWallClockSteppedSinceTheReading_TheReadingIsNotUsed()
    {
        var time = new SteppableClock(Now);
        var clock = new QboClock(time);
        clock.Observe("1", JsonValue.Create("2026-12-04T18:05:00Z"));
        time.Advance(TimeSpan.FromMinutes(1));

        var measured = clock.EarliestCreateTime("1", time.GetUtcNow().UtcDateTime);
        time.Step = TimeSpan.FromMinutes(3);
        var sentAt = time.GetUtcNow().UtcDateTime;
        var stepped = clock.EarliestCreateTime("1", sentAt);

        Assert.Equal(Now.UtcDateTime.AddMinutes(1 + 5 - 1), measured);
        // The five-minute lead was read against a wall clock three minutes slower: QBO's true lead is now two minutes.
        Assert.Equal(sentAt.AddMinutes(-15), stepped);
    }

    [Fact]
    public void AnythingButAnIsoTime_IsIgnored()
    {
        var clock = new QboClock(new FakeTimeProvider(Now));

        // Gateway error bodies carry epoch milliseconds (REFERENCE §5); some answers carry none.
        clock.Observe("1", JsonValue.Create(1633520295688L));
        clock.Observe("1", JsonValue.Create("soon"));
        clock.Observe("1", null);

        Assert.Equal(Now.UtcDateTime.AddMinutes(-15), clock.EarliestCreateTime("1", Now.UtcDateTime));
    }

    /// <summary>A fake clock whose wall time can be stepped while its monotonic time runs on, as NTP steps a host's clock.</summary>
    private sealed class SteppableClock(DateTimeOffset start) : TimeProvider
    {
        private readonly FakeTimeProvider _inner = new(start);

        public TimeSpan Step { get; set; }

        public override long TimestampFrequency => _inner.TimestampFrequency;

        public void Advance(TimeSpan delta) => _inner.Advance(delta);

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Step;

        public override long GetTimestamp() => _inner.GetTimestamp();
    }
}
