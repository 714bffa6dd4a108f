using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Clocks relative to the real date, for partition tests: partitions are laid out from it at migration.</summary>
internal static class Clocks
{
    /// <summary>A fake clock at the start of the current real UTC day plus <paramref name="offset"/>, with microseconds.</summary>
    public static FakeTimeProvider FromToday(TimeSpan offset) =>
        new(new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).Add(offset).AddTicks(1_234_560));

    /// <summary>A fake clock in the real current month plus <paramref name="months"/>, on day <paramref name="day"/>.</summary>
    public static FakeTimeProvider InMonth(int months, int day)
    {
        var now = DateTime.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(months);
        return new FakeTimeProvider(start.AddDays(day - 1).AddHours(13).AddTicks(1_234_560));
    }
}
