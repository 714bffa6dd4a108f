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
    public static void MapReportEndpoints(this RouteGroupBuilder company) =>
        company.MapGet("/reports/" + TrialBalanceReport.Name, TrialBalance).WithName("QboReportTrialBalance");

    private static RawJsonResult TrialBalance(string realmId, HttpContext http, SandboxState state)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        var today = PacificTime.Today(state.Time);
        var request = ReportRequest.Read(http.Request.Query, today);
        lock (company.Gate)
        {
            return RawJsonResult.Qbo(StatusCodes.Status200OK, TrialBalanceReport.Build(company, request, today, state.Time.GetUtcNow()));
        }
    }
}
