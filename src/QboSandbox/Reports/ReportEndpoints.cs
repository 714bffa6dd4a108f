using QboSandbox.Accounting;
using QboSandbox.Http;
using System.Text.Json.Nodes;
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
        company.MapGet("/reports/" + TrialBalanceReport.Name, (string realmId, HttpContext http, SandboxState state) =>
            Report(realmId, http, state, ReportRequest.MonthToDate, hasFilters: false, TrialBalanceReport.Build)).WithName("QboReportTrialBalance");
        company.MapGet("/reports/" + ProfitAndLossReport.Name, (string realmId, HttpContext http, SandboxState state) =>
            Report(realmId, http, state, ReportRequest.FiscalYearToDate, hasFilters: true, ProfitAndLossReport.Build)).WithName("QboReportProfitAndLoss");
        company.MapGet("/reports/" + BalanceSheetReport.Name, (string realmId, HttpContext http, SandboxState state) =>
            Report(realmId, http, state, ReportRequest.FiscalYearToDate, hasFilters: true, BalanceSheetReport.Build)).WithName("QboReportBalanceSheet");
    }

    private static RawJsonResult Report(
        string realmId, HttpContext http, SandboxState state, string defaultMacro, bool hasFilters,
        Func<Company, ReportRequest, DateOnly, DateTimeOffset, JsonObject> build)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        var today = PacificTime.Today(state.Time);
        var request = ReportRequest.Read(http.Request.Query, today, defaultMacro, hasFilters);
        lock (company.Gate)
        {
            return RawJsonResult.Qbo(StatusCodes.Status200OK, build(company, request, today, state.Time.GetUtcNow()));
        }
    }
}
