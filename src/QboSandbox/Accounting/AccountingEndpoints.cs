using QboSandbox.Changes;
using QboSandbox.Faults;
using QboSandbox.Http;
using QboSandbox.Idempotency;
using QboSandbox.Reports;
using QboSandbox.State;
using QboSandbox.Throttling;

namespace QboSandbox.Accounting;

/// <summary>
/// The Accounting API under /v3/company/{realmId}. Filter order matters: outermost QBO's response headers
/// and XML rendering (so every answer gets them), then throttling, which sees every request (as QBO's
/// gateway does), injected faults, the token check, requestid replay, and innermost the mapping of QBO
/// errors so that fault responses are replayed too.
/// </summary>
internal static class AccountingEndpoints
{
    public static RouteGroupBuilder MapAccountingEndpoints(this IEndpointRouteBuilder root)
    {
        var company = root.MapGroup("/v3/company/{realmId}");
        company.AddEndpointFilter(QboResponseFilter.InvokeAsync);
        company.AddEndpointFilter(ThrottleFilter.InvokeAsync);
        company.AddEndpointFilter(FaultFilter.InvokeAsync);
        company.AddEndpointFilter(AccountingFilters.RequireBearerAsync);
        company.AddEndpointFilter(RequestIdFilter.InvokeAsync);
        company.AddEndpointFilter(AccountingFilters.MapErrorsAsync);

        company.MapCompanyInfoEndpoints();
        company.MapPreferencesEndpoints();
        company.MapEntityRoutes();
        company.MapQueryEndpoints();
        company.MapBatchEndpoints();
        company.MapCdcEndpoints();
        company.MapReportEndpoints();
        company.Map("/{**rest}", NotSupported).WithName("QboUnsupported");
        return company;
    }

    private static IResult NotSupported(string rest, SandboxState state) => QboFault.Result(
        StatusCodes.Status404NotFound,
        QboException.UnsupportedOperation($"The local sandbox does not emulate /{rest}"),
        state.Time.GetUtcNow());
}
