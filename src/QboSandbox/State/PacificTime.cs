using System.Globalization;

namespace QboSandbox.State;

/// <summary>
/// US Pacific time built from its rules rather than the OS database, so `time` fields carry the same
/// -08:00/-07:00 offsets everywhere (REFERENCE §2.2: every body has a Pacific-offset `time`).
/// </summary>
internal static class PacificTime
{
    private static readonly TimeZoneInfo Zone = CreateZone();

    public static DateTimeOffset Now(TimeProvider time) => ToPacific(time.GetUtcNow());

    public static DateTimeOffset ToPacific(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Response `time`: e.g. 2015-07-24T10:33:39.110-07:00.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        ToPacific(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>MetaData times have whole seconds: 2015-07-24T10:33:39-07:00.</summary>
    public static string FormatMeta(DateTimeOffset instant) =>
        ToPacific(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    /// <summary>The instant a Pacific wall-clock time (no offset given) stands for.</summary>
    public static DateTimeOffset FromWallClock(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);

        // A time skipped by the spring-forward change does not exist; read it as the hour after.
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone), TimeSpan.Zero);
    }

    private static TimeZoneInfo CreateZone()
    {
        // Since 2007: DST from the second Sunday of March 02:00 to the first Sunday of November 02:00.
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2007, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Sandbox/Pacific", TimeSpan.FromHours(-8), "Pacific", "PST", "PDT", [rule]);
    }
}
