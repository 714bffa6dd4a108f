using System.Globalization;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Changes;

/// <summary>
/// The two parameters of a CDC call (Intuit, "Change data capture operation"): a comma-separated entity list and a
/// changedSince date or date-time no more than 30 days back. Every entity works except JournalCode, TaxAgency,
/// TimeActivity, TaxCode and TaxRate, which the same page excludes.
/// </summary>
internal static class CdcRequest
{
    private static readonly string[] Excluded = [EntityNames.TaxAgency, EntityNames.TaxCode, EntityNames.TaxRate];

    public static IReadOnlyList<string> Entities(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            throw QboException.RequiredMissing("entities");
        }

        var entities = new List<string>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entity = EntityNames.Canonical(name);
            if (entity is null || Excluded.Contains(entity))
            {
                throw QboException.InvalidProperty($"Property Name:entities specified is unsupported or invalid: {name} is not available to change data capture");
            }

            if (!entities.Contains(entity))
            {
                entities.Add(entity);
            }
        }

        return entities.Count > 0 ? entities : throw QboException.RequiredMissing("entities");
    }

    /// <summary>
    /// ISO date (midnight in the company's time zone, US Pacific here) or date-time; without an offset the time is
    /// read as Pacific too. Further back than the lookback → QBO's "Operation cdc with changedSince date … which is
    /// older than fixed days is not supported." (reported in Wish-Org/QuickBooksSharp#19; answered, like other
    /// unsupported operations, with code 500).
    /// </summary>
    public static DateTimeOffset ChangedSince(string? text, DateTimeOffset now, TimeSpan lookback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw QboException.RequiredMissing("changedSince");
        }

        var since = Parse(text.Trim()) ?? throw QboException.InvalidProperty("Property Name:changedSince specified is unsupported or invalid");
        if (since < now - lookback)
        {
            throw QboException.UnsupportedOperation($"Operation cdc with changedSince date {text.Trim()} which is older than fixed days is not supported.");
        }

        return since;
    }

    private static DateTimeOffset? Parse(string text)
    {
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock)
            ? PacificTime.FromWallClock(wallClock)
            : null;
    }

    /// <summary>True for "…Z" and "…±hh:mm" / "…±hhmm" after a time part.</summary>
    private static bool HasOffset(string text)
    {
        var timeStart = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (timeStart < 0)
        {
            return false;
        }

        var time = text[timeStart..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.IndexOfAny(['+', '-']) > 0;
    }
}
