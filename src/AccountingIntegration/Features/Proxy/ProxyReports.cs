using System.Globalization;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Proxy;

/// <summary>
/// The QBO reports an organization may read through the proxy (Intuit's report entities of the sales, purchase and
/// accounting cycles; payroll and employee reports stay out, as their entities do) and the query parameters passed on to
/// them. A parameter QBO's references document for reports goes through as given once it is well-formed; anything else
/// is refused here, naming it, rather than sent to Intuit to be refused or silently ignored there.
/// </summary>
internal static class ProxyReports
{
    public const string ReportNotAllowed = "PROXY_REPORT_NOT_ALLOWED";

    public static readonly IReadOnlyList<string> All =
    [
        "AgedPayableDetail", "AgedPayables", "AgedReceivableDetail", "AgedReceivables", "BalanceSheet", "CashFlow",
        "CustomerBalance", "CustomerBalanceDetail", "CustomerIncome", "CustomerSales", "GeneralLedger", "ItemSales",
        "ProfitAndLoss", "ProfitAndLossDetail", "TaxSummary", "TransactionList", "TrialBalance", "VendorBalance",
        "VendorBalanceDetail", "VendorExpenses",
    ];

    /// <summary>Parameters whose value is a date (yyyy-MM-dd).</summary>
    private static readonly HashSet<string> Dates = ["start_date", "end_date", "report_date", "start_duedate", "end_duedate"];

    /// <summary>The report parameters of Intuit's report references that the proxy passes on.</summary>
    private static readonly HashSet<string> Parameters =
    [
        .. Dates, "date_macro", "accounting_method", "summarize_column_by", "columns", "sort_by", "sort_order", "customer",
        "vendor", "item", "class", "department", "account", "account_type", "source_account", "source_account_type",
        "aging_method", "aging_period", "num_periods", "past_due", "arpaid", "appaid", "term", "payment_method",
        "transaction_type", "cleared", "group_by", "qzurl",
    ];

    private const int MaxValueLength = 200;

    /// <summary>The canonical spelling of an allowed report, whatever the caller's case; refused otherwise.</summary>
    public static string Allowed(string? name) =>
        All.FirstOrDefault(r => r.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? throw new ApiException(StatusCodes.Status400BadRequest, ReportNotAllowed,
            $"'{name}' is not a report the proxy serves.",
            new Dictionary<string, string[]> { ["name"] = ["must be one of " + string.Join(", ", All)] });

    /// <summary>A report date as QBO's report parameters write it (yyyy-MM-dd); null for anything else.</summary>
    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>
    /// The request's parameters to send on: each known, given once, well-formed (a date as yyyy-MM-dd; other values of
    /// letters, digits, spaces and <c>, . _ : -</c>, as ids, names, macros and column lists are). Every fault is named.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Query(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var passed = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in query)
        {
            if (!Parameters.Contains(name))
            {
                errors[name] = ["is not a report parameter the proxy passes on"];
            }
            else if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxValueLength } value)
            {
                errors[name] = [$"must be given once, with a value of at most {MaxValueLength} characters"];
            }
            else if (Dates.Contains(name) && Date(value) is null)
            {
                errors[name] = ["must be a date, yyyy-MM-dd"];
            }
            else if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or ',' or '.' or '_' or ':' or '-'))
            {
                errors[name] = ["may hold only letters, digits, spaces and , . _ : -"];
            }
            else
            {
                passed.Add(new(name, value));
            }
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : passed;
    }
}
