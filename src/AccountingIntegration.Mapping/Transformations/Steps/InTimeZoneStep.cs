using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>inTimeZone:Area/City</c>: re-expresses a point in time in an IANA time zone, as ISO-8601 with that zone's
/// offset, so a following <c>formatDate</c> gives the local calendar date. Unix times are UTC, so a Stripe
/// invoice paid at 20:00 in New York would otherwise be dated the next day. Only an instant (a Unix time, or a
/// timestamp with an offset or Z) moves; a date-only value or a timestamp without offset is already the
/// sender's local reading and keeps its wall clock, gaining the zone's offset. The zone's rules (daylight
/// saving included) come from the system's time-zone database.
/// </summary>
internal sealed class InTimeZoneStep(TimeZoneInfo zone) : ValueStep("inTimeZone")
{
    private const string IsoWithOffset = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public static InTimeZoneStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 1);
        var id = StepArguments.NonEmpty(step, 0);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? new InTimeZoneStep(zone)
            : throw StepArguments.Bad(step, id, "is not a known time zone (use an IANA id such as Europe/Berlin)");
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        if (input.Kind == ValueKind.String && string.IsNullOrWhiteSpace(input.String))
        {
            return MappingValue.Null;
        }

        if (!DateInput.TryRead(input, out var date, out var isInstant))
        {
            throw new StepFailedException("not an ISO-8601 date or a Unix time");
        }

        // Only an instant moves. A calendar date, or a time without offset, is already the sender's local
        // reading: converting it as if UTC would date 2026-03-01 the 28th in New York. It keeps its wall clock
        // and gains the zone's offset at that moment.
        DateTimeOffset local;
        try
        {
            local = isInstant
                ? TimeZoneInfo.ConvertTime(date, zone)
                : new DateTimeOffset(date.DateTime, zone.GetUtcOffset(date.DateTime));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new StepFailedException("outside the dates this time zone can express");
        }

        return MappingValue.FromString(local.ToString(IsoWithOffset, CultureInfo.InvariantCulture));
    }
}
