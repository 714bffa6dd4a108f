using QboSandbox.Http;

namespace QboSandbox.Reports;

/// <summary>
/// The columns or sections an aging report sorts open items into: Current (not yet due), then <see cref="Periods"/> − 1
/// periods of <see cref="Days"/> days past due, and the last open-ended ("91 and over" with QBO's defaults of 4 periods
/// of 30 days, the num_periods and aging_period parameters of Intuit's ARAgingDetail reference).
/// </summary>
internal sealed record AgingPeriods(int Periods, int Days)
{
    public static readonly AgingPeriods Default = new(4, 30);

    /// <summary>num_periods and aging_period, each a whole number from 1 (QBO's defaults when absent).</summary>
    public static AgingPeriods Read(IQueryCollection query) =>
        new(Whole(query, "num_periods") ?? Default.Periods, Whole(query, "aging_period") ?? Default.Days);

    /// <summary>Current, then one per period: 0 for an item not past due, <see cref="Periods"/> for the open-ended last.</summary>
    public int Index(int daysPastDue) => daysPastDue <= 0 ? 0 : Math.Min(((daysPastDue - 1) / Days) + 1, Periods);

    /// <summary>The past-due ranges' titles, "1 - 30", "31 - 60", …; the last is "91 and over" (the summary's wording).</summary>
    public IEnumerable<string> Ranges(string openEnded) => Enumerable.Range(1, Periods)
        .Select(i => i < Periods ? $"{((i - 1) * Days) + 1} - {i * Days}" : $"{((i - 1) * Days) + 1} {openEnded}");

    private static int? Whole(IQueryCollection query, string name) =>
        ReportRequest.Value(query, name) is not { } text ? null
        : int.TryParse(text, out var number) && number is >= 1 and <= 1000 ? number
        : throw QboException.InvalidProperty($"Property Name:{name} specified is unsupported or invalid: {text}");
}
