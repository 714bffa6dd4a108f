using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET /v3/company/{realmId}/reports/{ReportName} (Intuit's Reports API, as the .NET SDK's ReportService and
/// node-quickbooks' report calls address it). Reports other than these answer the group's 404 "not emulated".
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder company)
    {
        Map(company, TrialBalanceReport.Name, ReportRequest.MonthToDate, hasFilters: false, TrialBalanceReport.Build);
        Map(company, ProfitAndLossReport.Name, ReportRequest.FiscalYearToDate, hasFilters: true, ProfitAndLossReport.Build);
        Map(company, BalanceSheetReport.Name, ReportRequest.FiscalYearToDate, hasFilters: true, BalanceSheetReport.Build);
        MapReceivables(company, CustomerBalanceReport.Name, "All", CustomerBalanceReport.Build);
        MapReceivables(company, AgedReceivablesReport.Name, "Today", AgedReceivablesReport.Build);
        MapDetail(company, AgedReceivableDetailReport.Name, null, AgedReceivableDetailReport.Options.Read, AgedReceivableDetailReport.Build);
        MapDetail(company, CustomerBalanceDetailReport.Name, "All", CustomerBalanceDetailReport.Options.Read, CustomerBalanceDetailReport.Build);
        company.MapGet("/reports/" + GeneralLedgerReport.Name, (string realmId, HttpContext http, SandboxState state) =>
        {
            var options = GeneralLedgerReport.Options.Read(http.Request.Query);
            return Report(realmId, http, state, ReportRequest.FiscalYearToDate, hasFilters: true,
                (owner, request, today, now) => GeneralLedgerReport.Build(owner, request, options, today, now));
        }).WithName("QboReport" + GeneralLedgerReport.Name);
    }

    /// <summary>A receivables report that reads parameters of its own (<typeparamref name="TOptions"/>) besides the shared ones.</summary>
    private static void MapDetail<TOptions>(RouteGroupBuilder company, string name, string? defaultMacro, Func<IQueryCollection, TOptions> readOptions,
        Func<Company, ReceivablesRequest, TOptions, DateTimeOffset, JsonObject> build) =>
        company.MapGet("/reports/" + name, (string realmId, HttpContext http, SandboxState state) =>
        {
            var owner = EntityEndpoints.RequireCompany(state, realmId);
            var request = ReceivablesRequest.Read(http.Request.Query, PacificTime.Today(state.Time), defaultMacro);
            var options = readOptions(http.Request.Query);
            return Locked(owner, () => build(owner, request, options, state.Time.GetUtcNow()));
        }).WithName("QboReport" + name);

    private static void Map(RouteGroupBuilder company, string name, string defaultMacro, bool hasFilters, Func<Company, ReportRequest, DateOnly, DateTimeOffset, JsonObject> build) =>
        company.MapGet("/reports/" + name, (string realmId, HttpContext http, SandboxState state) => Report(realmId, http, state, defaultMacro, hasFilters, build))
            .WithName("QboReport" + name);

    /// <summary>A receivables summary report, which reads only the shared parameters.</summary>
    private static void MapReceivables(RouteGroupBuilder company, string name, string defaultMacro, Func<Company, ReceivablesRequest, DateTimeOffset, JsonObject> build) =>
        MapDetail(company, name, defaultMacro, _ => false, (owner, request, _, now) => build(owner, request, now));

    /// <summary>The company's report, built under its gate.</summary>
    private static RawJsonResult Locked(Company company, Func<JsonObject> build)
    {
        lock (company.Gate)
        {
            return RawJsonResult.Qbo(StatusCodes.Status200OK, build());
        }
    }

    private static RawJsonResult Report(
        string realmId, HttpContext http, SandboxState state, string defaultMacro, bool hasFilters,
        Func<Company, ReportRequest, DateOnly, DateTimeOffset, JsonObject> build)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        var today = PacificTime.Today(state.Time);
        var request = ReportRequest.Read(http.Request.Query, today, defaultMacro, hasFilters);
        return Locked(company, () => build(company, request, today, state.Time.GetUtcNow()));
    }
}
