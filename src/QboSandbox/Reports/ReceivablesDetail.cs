using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// The <c>columns</c> parameter of the receivables detail reports: comma-separated column names of Intuit's references,
/// the report's defaults when it names none; a name the sandbox does not emulate is refused with the ones it has.
/// </summary>
internal static class DetailColumns
{
    public static string[] Asked(IQueryCollection query, IReadOnlyDictionary<string, string> titles, string[] defaults)
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

    /// <summary>The transaction type as QBO's reports name it.</summary>
    public static string TypeName(string entity) => entity switch
    {
        EntityNames.CreditMemo => "Credit Memo",
        _ => entity,
    };
}
