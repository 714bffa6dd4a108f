using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// What the receivables detail reports (AgedReceivableDetail, CustomerBalanceDetail) share: their <c>columns</c>
/// parameter, the filters their references document that the sandbox does not emulate, and how they name a transaction
/// type.
/// </summary>
internal static class ReceivablesDetail
{
    private static readonly string[] Unemulated = ["shipvia", "term", "custom1", "custom2", "custom3"];

    /// <summary>
    /// The columns asked for (comma-separated column names of Intuit's references), <paramref name="defaults"/> when none;
    /// a name the sandbox does not emulate is refused with the ones it has.
    /// </summary>
    public static string[] Columns(IQueryCollection query, IReadOnlyDictionary<string, string> titles, string[] defaults)
    {
        var names = ReportRequest.Value(query, "columns")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (names.Length == 0)
        {
            return defaults;
        }

        return names.FirstOrDefault(n => !titles.ContainsKey(n)) is { } unknown
            ? throw QboException.UnsupportedOperation($"columns={unknown} is not emulated by the local sandbox (it has {string.Join(", ", titles.Keys)})")
            : names;
    }

    /// <summary>Refuses shipvia, term and the custom fields: the sandbox's documents carry none of them to filter by.</summary>
    public static void RefuseUnemulatedFilters(IQueryCollection query)
    {
        if (Unemulated.FirstOrDefault(f => ReportRequest.Value(query, f) is not null) is { } filter)
        {
            throw QboException.UnsupportedOperation($"{filter}= is not emulated by the local sandbox");
        }
    }

    /// <summary>The transaction type as QBO's reports name it.</summary>
    public static string TypeName(string entity) => entity switch
    {
        EntityNames.CreditMemo => "Credit Memo",
        _ => entity,
    };
}
