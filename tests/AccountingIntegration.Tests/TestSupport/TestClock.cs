using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.TestSupport;

internal static class TestClock
{
    /// <summary>A fake clock at a fixed instant with microseconds, so round trips must keep sub-second precision.</summary>
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 11, 24, 10, 30, 15, 123, 456, TimeSpan.Zero));
}
